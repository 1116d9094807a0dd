// Test fixtures on librdkafka's mock cluster (real wire protocol, in this process): the cluster with
// its fault injection, an idempotent producer, a reader, and the committed offsets of a group.
#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "holders.h"
#include "record.h"

namespace kfn::kafka::testing {

// Kafka protocol API keys, for push_request_errors (librdkafka keeps its own list private).
namespace api {
inline constexpr std::int16_t kProduce = 0;
inline constexpr std::int16_t kFetch = 1;
inline constexpr std::int16_t kListOffsets = 2;
inline constexpr std::int16_t kMetadata = 3;
inline constexpr std::int16_t kOffsetCommit = 8;
inline constexpr std::int16_t kOffsetFetch = 9;
inline constexpr std::int16_t kFindCoordinator = 10;
inline constexpr std::int16_t kHeartbeat = 12;
}  // namespace api

// Owns the mock cluster for the test's lifetime. Not thread-safe except the fault calls (the mock
// cluster serializes those itself).
class MockCluster {
 public:
  explicit MockCluster(int brokers = 3);
  MockCluster(MockCluster const&) = delete;
  MockCluster& operator=(MockCluster const&) = delete;

  [[nodiscard]] std::string const& bootstrap() const { return bootstrap_; }
  void create_topic(std::string const& name, int partitions);

  // Faults.
  // The next requests of that API to any broker fail with these errors, in order.
  void push_request_errors(std::int16_t api_key, std::vector<rd_kafka_resp_err_t> const& errors);
  // The next `count` requests of that API to one broker fail with `error`.
  void push_broker_request_errors(std::int32_t broker, std::int16_t api_key, rd_kafka_resp_err_t error, int count);
  void set_broker_down(std::int32_t broker);
  void set_broker_up(std::int32_t broker);
  void set_leader(std::string const& topic, std::int32_t partition, std::int32_t broker);
  [[nodiscard]] rd_kafka_mock_cluster_t* raw() const;

 private:
  ClientHandle owner_;  // the mock cluster lives inside this handle
  std::string bootstrap_;
};

// Idempotent, acks=all: records land once and in order even while the test injects faults.
class TestProducer {
 public:
  explicit TestProducer(std::string const& bootstrap);
  ~TestProducer();
  TestProducer(TestProducer const&) = delete;
  TestProducer& operator=(TestProducer const&) = delete;

  // Queues one record; `partition` -1 lets the key choose.
  void send(std::string const& topic, std::optional<std::string> const& key, std::string const& value,
            Headers const& headers = {}, std::int32_t partition = -1);
  // Waits for every queued record; throws if one failed.
  void flush(std::chrono::milliseconds timeout = std::chrono::seconds(60));

 private:
  ClientHandle client_;
};

// Every record of `topic` (all partitions, from the start), read until `count` arrived or the timeout.
std::vector<Record> read_records(std::string const& bootstrap, std::string const& topic, std::size_t count,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(30));

// The offset `group` has committed for each partition of `topic` (-1 where none).
std::vector<std::int64_t> committed_offsets(std::string const& bootstrap, std::string const& group,
                                            std::string const& topic, int partitions);

// The value of the header `name` (last one wins), or nullopt.
std::optional<std::string> header(Headers const& headers, std::string const& name);

}  // namespace kfn::kafka::testing
