// An in-process Kafka cluster: librdkafka's mock brokers, speaking the real protocol on 127.0.0.1
// ports. The local runner's embedded broker when KAFKA_BROKERS is unset, and the tests' Kafka.
// Example: MockKafka kafka; kafka.create_topic("chat.events", 3); connect to kafka.bootstrap().
#pragma once

#include <memory>
#include <string>

extern "C" {
typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;  // from <librdkafka/rdkafka_mock.h>
}

namespace kfn::host {

// Thread-safe (librdkafka's mock cluster serializes its own state). Clients must be destroyed before
// it, or they spend their last moments reconnecting to brokers that are gone.
class MockKafka {
 public:
  explicit MockKafka(int brokers = 1);
  ~MockKafka();
  MockKafka(MockKafka const&) = delete;
  MockKafka& operator=(MockKafka const&) = delete;

  // bootstrap.servers for clients, e.g. "127.0.0.1:39211".
  [[nodiscard]] std::string const& bootstrap() const { return bootstrap_; }
  // Throws std::runtime_error when the cluster refuses. Topics are also created on first use.
  void create_topic(std::string const& name, int partitions, int replication_factor = 1);
  // For fault injection through <librdkafka/rdkafka_mock.h> (request errors, brokers down, leaders).
  [[nodiscard]] rd_kafka_mock_cluster_t* cluster() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string bootstrap_;
};

}  // namespace kfn::host
