#include "lib/send_batcher.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/testing/fake_context.h"
#include "kfn/errors.h"
#include "lib/message_batch.h"
#include "lib/test_rows.h"

using chat::PendingSend;
using chat::SendBatcher;
using common::testing::FakeContext;

namespace {

PendingSend pending(std::int64_t room_id, std::int64_t user_id, std::string content) {
  PendingSend send;
  send.message.room_id = room_id;
  send.message.user_id = user_id;
  send.message.content = std::move(content);
  send.message.created_at = "2026-11-21 12:00:00.000";
  return send;
}

// Waits, with a deadline, until `done` holds (a condition other threads make true, not a delay).
template <typename Done>
bool eventually(Done done) {
  auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

// Answers each send with its own content once the gate opens, and remembers the size of every batch.
struct GatedEchoBatches {
  std::mutex mutex;
  std::vector<std::size_t> sizes;
  std::promise<void> gate;
  std::shared_future<void> opened = gate.get_future().share();
  bool is_open = false;

  void operator()(kfn::Context& /*leader*/, std::span<PendingSend*> batch) {
    {
      std::lock_guard lock(mutex);
      sizes.push_back(batch.size());
    }
    opened.wait();
    for (auto* send : batch) send->response = kfn::HttpResponse{201, {}, send->message.content};
  }
  std::size_t started() {
    std::lock_guard lock(mutex);
    return sizes.size();
  }
  void open() {
    if (!std::exchange(is_open, true)) gate.set_value();
  }
  ~GatedEchoBatches() { open(); }  // a failed REQUIRE must not leave senders blocked forever
};

}  // namespace

TEST_CASE(
    "while every leader's batch runs, new sends wait and then share one batch; each gets its own answer",
    "[batcher]") {
  GatedEchoBatches batches;
  SendBatcher batcher([&](kfn::Context& ctx, std::span<PendingSend*> batch) { batches(ctx, batch); });
  std::vector<std::future<std::string>> answers;
  auto send_from_thread = [&](int n) {
    return std::async(std::launch::async, [&batcher, n] {
      FakeContext ctx;
      auto send = pending(1, n, "message " + std::to_string(n));
      return batcher.send(ctx, send).body;
    });
  };
  // One at a time, the first sends take every leader's place, each in a batch of its own.
  constexpr int kLeaders = static_cast<int>(SendBatcher::kMaxLeaders);
  for (int n = 0; n < kLeaders; ++n) {
    answers.push_back(send_from_thread(n));
    REQUIRE(eventually([&] { return batches.started() == static_cast<std::size_t>(n + 1); }));
  }
  constexpr int kLater = 5;
  for (int n = kLeaders; n < kLeaders + kLater; ++n) answers.push_back(send_from_thread(n));
  REQUIRE(eventually([&] { return batcher.waiting() == kLater; }));
  batches.open();

  for (int n = 0; n < kLeaders + kLater; ++n) CHECK(answers[n].get() == "message " + std::to_string(n));
  std::vector<std::size_t> expected(kLeaders, 1);
  expected.push_back(kLater);
  CHECK(batches.sizes == expected);
}

TEST_CASE("an error a batch throws reaches every send in it; the next send runs in a batch of its own",
          "[batcher]") {
  int calls = 0;
  SendBatcher batcher([&](kfn::Context&, std::span<PendingSend*> batch) {
    if (++calls == 1) throw kfn::Unavailable("database down");
    for (auto* send : batch) send->response = kfn::HttpResponse{201, {}, "ok"};
  });
  FakeContext ctx;
  auto first = pending(1, 1, "a");
  CHECK_THROWS_AS(batcher.send(ctx, first), kfn::Unavailable);
  auto second = pending(1, 1, "b");
  CHECK(batcher.send(ctx, second).status == 201);
}

TEST_CASE("a batch runner that leaves a send unanswered fails that send instead of inventing an answer",
          "[batcher]") {
  SendBatcher batcher([](kfn::Context&, std::span<PendingSend*>) {});
  FakeContext ctx;
  auto send = pending(1, 1, "a");
  CHECK_THROWS_AS(batcher.send(ctx, send), std::logic_error);
}

namespace {

// lock_rooms' answer: room_type, last_seq, blocked, member_ids, id.
kfn::Row locked_room(std::int64_t id, std::int64_t last_seq, chat::MemberIds const& members,
                     bool blocked = false) {
  return common::testing::make_row(
      {"room_type", "last_seq", "blocked", "member_ids", "id"},
      {std::string("group"), last_seq, std::int64_t{blocked ? 1 : 0}, chat::format_member_ids(members), id});
}

}  // namespace

TEST_CASE("a batch takes each room's next seqs in arrival order, in one transaction with its events",
          "[batch]") {
  FakeContext ctx;
  ctx.database.answer_rows(
      {locked_room(3, 41, {7, 8}), locked_room(5, 9, {7, 9}), locked_room(6, 0, {7, 9}, true)});
  ctx.database.answer(chat::testing::affected(2));       // advance_rooms
  ctx.database.answer(chat::testing::affected(2, 100));  // inserts go in power-of-two chunks, largest first
  ctx.database.answer(chat::testing::affected(1, 102));
  std::vector<PendingSend> sends{pending(3, 7, "a"),
                                 pending(5, 9, "b"),
                                 pending(3, 8, "c"),
                                 pending(4, 7, "no such room"),
                                 pending(5, 8, "not a member"),
                                 pending(6, 7, "blocked room")};
  for (std::size_t i = 0; i < sends.size(); ++i) sends[i].traceparent = "trace-" + std::to_string(i);
  std::vector<PendingSend*> batch;
  for (auto& send : sends) batch.push_back(&send);

  chat::store_messages(ctx, batch);

  CHECK(sends[0].response->status == 201);
  CHECK(sends[0].message.seq == 42);
  CHECK(sends[1].message.seq == 10);
  CHECK(sends[2].message.seq == 43);
  CHECK(sends[0].message.id == 100);
  CHECK(sends[1].message.id == 101);
  CHECK(sends[2].message.id == 102);
  CHECK(sends[3].response->status == 404);
  CHECK(sends[4].response->status == 404);
  CHECK(sends[5].response->status == 403);
  auto const& statements = ctx.database.statements;
  REQUIRE(statements.size() == 4);
  CHECK(statements[0].sql.find("FOR UPDATE") != std::string::npos);
  CHECK(std::get<std::int64_t>(statements[0].params.at(0)) == 3);  // rooms locked in id order
  CHECK(std::get<std::int64_t>(statements[0].params.at(1)) == 4);
  CHECK(statements[1].sql.find("UPDATE rooms SET last_seq = ELT(FIELD(id") == 0);
  CHECK(statements[2].sql.find("INSERT INTO messages") == 0);
  CHECK(ctx.database.commits == 1);
  REQUIRE(ctx.database.published.size() == 3);
  CHECK(ctx.database.published[0].traceparent == "trace-0");
  CHECK(ctx.database.published[2].traceparent == "trace-2");
  CHECK(ctx.database.published[1].key == "5");
}

TEST_CASE("a batch the database refuses is stored one send at a time, so one bad send fails alone",
          "[batch]") {
  FakeContext ctx;
  ctx.database.answer_rows({locked_room(3, 41, {7, 8})});
  ctx.database.answer(chat::testing::affected(1));
  ctx.database.answer_error(1062);  // a client_message_id repeated inside the batch
  // First send alone: lock, advance, insert.
  ctx.database.answer(chat::testing::room_rows("group", 41, false, {7, 8}));
  ctx.database.answer(chat::testing::affected(1));
  ctx.database.answer(chat::testing::affected(1, 500));
  // Second alone: its insert is the duplicate; the first message with that id answers it.
  ctx.database.answer(chat::testing::room_rows("group", 42, false, {7, 8}));
  ctx.database.answer(chat::testing::affected(1));
  ctx.database.answer_error(1062);
  ctx.database.answer(chat::testing::rows({chat::testing::message_row(500, 3, 42, 7, "hi")}));

  std::vector<PendingSend> sends{pending(3, 7, "hi"), pending(3, 7, "hi")};
  for (auto& send : sends) send.message.client_message_id = "c-1";
  std::vector<PendingSend*> batch{&sends[0], &sends[1]};
  chat::store_messages(ctx, batch);

  REQUIRE(sends[0].response);
  CHECK(sends[0].response->status == 201);
  CHECK(sends[0].message.seq == 42);
  REQUIRE(sends[1].response);
  CHECK(sends[1].response->status == 200);
  CHECK(ctx.database.commits == 1);
  CHECK(ctx.database.published.size() == 1);
}
