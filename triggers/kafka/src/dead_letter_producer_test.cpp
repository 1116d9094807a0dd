#include "dead_letter_producer.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>

#include "mock_cluster.h"

namespace kfn::kafka {
namespace {

using namespace std::chrono_literals;
using testing::MockCluster;

struct NullLog : kfn::Logger {
  void log(kfn::LogLevel, std::string_view, nlohmann::json const&) override {}
};

// Collects delivery reports; wait() blocks (bounded) until `count` arrived.
struct Reports {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<std::optional<std::string>> results;

  DeadLetterSink::OnDelivery callback() {
    return [this](std::optional<std::string> error) {
      std::lock_guard lock(mutex);
      results.push_back(std::move(error));
      arrived.notify_all();
    };
  }
  bool wait(std::size_t count, std::chrono::milliseconds timeout = 30s) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, timeout, [&] { return results.size() >= count; });
  }
};

OutgoingRecord letter(std::string const& topic) {
  Record original{{"orders", 3}, 77, std::string("key-1"), std::string("\x00\x01payload", 9), {{"ce_id", "e-77"}}};
  return dead_letter_for(original, topic, "gave up", 5);
}

TEST_CASE("a dead letter is reported delivered once the cluster has it, bytes and headers intact") {
  MockCluster cluster;
  cluster.create_topic("fn.dlq", 2);
  NullLog log;
  DeadLetterProducer producer(producer_properties(cluster.bootstrap(), {}), log);
  Reports reports;
  producer.send(letter("fn.dlq"), reports.callback());
  REQUIRE(reports.wait(1));
  CHECK_FALSE(reports.results[0].has_value());
  auto records = testing::read_records(cluster.bootstrap(), "fn.dlq", 1);
  REQUIRE(records.size() == 1);
  CHECK(records[0].key == "key-1");
  CHECK(records[0].value == std::string("\x00\x01payload", 9));
  CHECK(testing::header(records[0].headers, "ce_id") == "e-77");
  CHECK(testing::header(records[0].headers, "kfn_source_offset") == "77");
  CHECK(testing::header(records[0].headers, "kfn_attempts") == "5");
}

TEST_CASE("a dead letter the cluster refuses is reported as failed, and a later write lands") {
  MockCluster cluster;
  cluster.create_topic("fn.dlq", 1);
  NullLog log;
  DeadLetterProducer producer(producer_properties(cluster.bootstrap(), {}), log);
  Reports reports;
  producer.send(letter("fn.dlq"), reports.callback());  // warms up the connection and producer id
  REQUIRE(reports.wait(1));
  cluster.push_request_errors(testing::api::kProduce, {RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE});
  producer.send(letter("fn.dlq"), reports.callback());
  REQUIRE(reports.wait(2));
  CHECK(reports.results[1].has_value());
  producer.send(letter("fn.dlq"), reports.callback());
  REQUIRE(reports.wait(3));
  CHECK_FALSE(reports.results[2].has_value());
}

TEST_CASE("closing reports every write still outstanding") {
  MockCluster cluster(1);
  cluster.create_topic("fn.dlq", 1);
  NullLog log;
  DeadLetterProducer producer(producer_properties(cluster.bootstrap(), {}), log);
  cluster.set_broker_down(1);
  Reports reports;
  producer.send(letter("fn.dlq"), reports.callback());
  producer.close(100ms);
  REQUIRE(reports.wait(1, 0ms));
  CHECK(reports.results[0].has_value());
}

TEST_CASE("a write after close is reported as failed at once") {
  MockCluster cluster(1);
  NullLog log;
  DeadLetterProducer producer(producer_properties(cluster.bootstrap(), {}), log);
  producer.close(0ms);
  Reports reports;
  producer.send(letter("fn.dlq"), reports.callback());
  REQUIRE(reports.wait(1, 0ms));
  CHECK(reports.results[0].has_value());
}

}  // namespace
}  // namespace kfn::kafka
