// Fifty concurrent senders into one room: seq must come out exactly 1..N, no gaps, no repeats.
#include <algorithm>
#include <catch2/catch.hpp>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "chat_test_support.h"
#include "runner_process.h"

using namespace chat_test;
using kfn::test::body_of;
using kfn::test::register_and_login;
using kfn::test::shared_runner;

TEST_CASE("50 concurrent senders into one room get seq exactly 1..N") {
  auto& runner = shared_runner();
  auto client = runner.client();
  auto ann = register_and_login(*client, "ka");
  auto bob = register_and_login(*client, "kb");
  befriend(*client, ann, bob);
  auto const room_id = direct_room(*client, ann, bob)["id"].get<std::int64_t>();

  constexpr int kSenders = 50;
  constexpr int kMessagesEach = 10;
  std::mutex mutex;
  std::vector<int> statuses;
  std::set<std::int64_t> message_ids;
  std::vector<std::thread> senders;
  for (int s = 0; s < kSenders; ++s) {
    senders.emplace_back([&, s] {
      auto own = runner.client();
      for (int m = 0; m < kMessagesEach; ++m) {
        auto const response =
            send(*own, s % 2 ? ann : bob, room_id, "s" + std::to_string(s) + "m" + std::to_string(m));
        std::lock_guard lock(mutex);
        statuses.push_back(response.status);
        if (response.status == 201) message_ids.insert(body_of(response)["id"].get<std::int64_t>());
      }
    });
  }
  for (auto& sender : senders) sender.join();
  CHECK(std::count(statuses.begin(), statuses.end(), 201) == kSenders * kMessagesEach);
  CHECK(message_ids.size() == static_cast<std::size_t>(kSenders * kMessagesEach));

  std::vector<std::int64_t> seqs;
  std::int64_t after = 0;
  for (bool more = true; more;) {
    auto const page = history(*client, ann, room_id, "after_seq=" + std::to_string(after) + "&limit=100");
    for (auto const seq : seqs_of(page)) seqs.push_back(seq);
    more = page["has_more"].get<bool>();
    if (!seqs.empty()) after = seqs.back();
  }
  std::vector<std::int64_t> expected(kSenders * kMessagesEach);
  std::iota(expected.begin(), expected.end(), 1);
  CHECK(seqs == expected);
}
