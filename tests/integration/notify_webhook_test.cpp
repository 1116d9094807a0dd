// The push webhook end to end: a runner with KFN_PUSH_WEBHOOK_URL pointing at a small HTTP server
// this test runs, which answers from a script (503 first, then 200, ...).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "kafka_reader.h"
#include "notify_test_events.h"
#include "runner_process.h"

using nlohmann::json;

namespace {

// One request per connection; answers the scripted statuses in order, the last one from then on.
class ScriptedWebhook {
 public:
  explicit ScriptedWebhook(std::vector<int> statuses) : statuses_(std::move(statuses)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listen_fd_, 16) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(listen_fd_);
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedWebhook() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
  }
  ScriptedWebhook(ScriptedWebhook const&) = delete;
  ScriptedWebhook& operator=(ScriptedWebhook const&) = delete;

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/push"; }

  // The bodies received so far, once there are `count` of them or `timeout` passed.
  std::vector<std::string> wait_for_requests(std::size_t count, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, timeout, [&] { return bodies_.size() >= count; });
    return bodies_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd pfd{listen_fd_, POLLIN, 0};
      if (::poll(&pfd, 1, 100) <= 0) continue;
      int const client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      answer(client, read_body(client));
      ::close(client);
    }
  }

  static std::string read_body(int client) {
    std::string request;
    char buffer[4096];
    while (true) {
      auto const head_end = request.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        auto const at = request.find("Content-Length: ");
        std::size_t const length = at == std::string::npos ? 0 : std::stoul(request.substr(at + 16));
        if (request.size() >= head_end + 4 + length) return request.substr(head_end + 4, length);
      }
      pollfd pfd{client, POLLIN, 0};
      if (::poll(&pfd, 1, 5000) <= 0) return {};
      ssize_t const got = ::recv(client, buffer, sizeof buffer, 0);
      if (got <= 0) return {};
      request.append(buffer, static_cast<std::size_t>(got));
    }
  }

  void answer(int client, std::string body) {
    int status = 0;
    {
      std::lock_guard lock(mutex_);
      status = statuses_[std::min(bodies_.size(), statuses_.size() - 1)];
      bodies_.push_back(std::move(body));
    }
    arrived_.notify_all();
    std::string const response =
        "HTTP/1.1 " + std::to_string(status) + " Scripted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    ::send(client, response.data(), response.size(), MSG_NOSIGNAL);
  }

  std::vector<int> statuses_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("the push webhook gets an offline user's notification after a retry; refusals are dead-lettered") {
  ScriptedWebhook webhook({503, 200, 400});
  kfn::test::RunnerProcess runner(
      std::map<std::string, std::string>{{"KFN_PUSH_WEBHOOK_URL", webhook.url()}});
  std::int64_t const requester = kfn::test::unique_id();
  std::int64_t const target = kfn::test::unique_id();
  kfn::test::EventProducer producer(runner.kafka_bootstrap());
  producer.produce("friend.events", std::to_string(requester), "FriendRequestSent",
                   kfn::test::friend_request_sent(requester, target));

  auto const bodies = webhook.wait_for_requests(2, std::chrono::seconds(30));
  REQUIRE(bodies.size() == 2);
  CHECK(bodies[0] == bodies[1]);  // the same notification, retried after the 503
  auto const posted = json::parse(bodies[1]);
  CHECK(posted["recipient_id"] == target);
  CHECK(posted["notification"]["type"] == "friend_request_received");
  CHECK(posted["notification"]["payload"]["user"]["id"] == requester);
  CHECK(posted["notification"]["id"].is_number_integer());

  // A 400 will not change on retry: the record goes to the dead-letter topic with the reason.
  std::int64_t const other_target = kfn::test::unique_id();
  producer.produce("friend.events", std::to_string(requester), "FriendRequestSent",
                   kfn::test::friend_request_sent(requester, other_target));
  kfn::test::KafkaReader dead_letters(runner.kafka_bootstrap(), "notify-webhook.dlq");
  auto const letter = dead_letters.find([&](auto const& r) { return r.key == std::to_string(other_target); },
                                        std::chrono::seconds(30));
  REQUIRE(letter);
  CHECK(letter->headers.at("kfn_error") == "webhook answered 400");
  CHECK(letter->headers.at("ce_type") == "NotificationCreated");
  CHECK(letter->headers.at("kfn_attempts") == "1");  // not retried
}
