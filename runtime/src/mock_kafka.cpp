// The mock cluster needs an rd_kafka_t of its own for bookkeeping; that client never talks to a
// broker, so it has no bootstrap servers and its logging is silenced.
#include "kfn/host/mock_kafka.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <stdexcept>

#include "kafka_holders.h"

namespace kfn::host {
namespace {

struct MockClusterDestroyer {
  void operator()(rd_kafka_mock_cluster_t* cluster) const { rd_kafka_mock_cluster_destroy(cluster); }
};

void ignore_log(rd_kafka_t const* /*handle*/, int /*level*/, char const* /*facility*/, char const* /*text*/) {
}

}  // namespace

struct MockKafka::Impl {
  // The cluster is destroyed before the client it was created on.
  KafkaHandle owner;
  std::unique_ptr<rd_kafka_mock_cluster_t, MockClusterDestroyer> cluster;
};

MockKafka::MockKafka(int brokers) : impl_(std::make_unique<Impl>()) {
  if (brokers < 1) throw std::invalid_argument("mock kafka: need at least one broker");
  auto conf = make_kafka_conf({});
  rd_kafka_conf_set_log_cb(conf.get(), &ignore_log);
  impl_->owner = make_kafka_handle(RD_KAFKA_PRODUCER, std::move(conf));
  impl_->cluster.reset(rd_kafka_mock_cluster_new(impl_->owner.get(), brokers));
  if (!impl_->cluster) throw std::runtime_error("mock kafka: cannot start the mock cluster");
  bootstrap_ = rd_kafka_mock_cluster_bootstraps(impl_->cluster.get());
}

MockKafka::~MockKafka() = default;

void MockKafka::create_topic(std::string const& name, int partitions, int replication_factor) {
  auto const code =
      rd_kafka_mock_topic_create(impl_->cluster.get(), name.c_str(), partitions, replication_factor);
  if (code != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error("mock kafka: cannot create topic " + name + ": " + rd_kafka_err2str(code));
  }
}

rd_kafka_mock_cluster_t* MockKafka::cluster() const { return impl_->cluster.get(); }

}  // namespace kfn::host
