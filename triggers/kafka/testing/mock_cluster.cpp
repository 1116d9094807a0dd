// The mock cluster and its test clients.
#include "mock_cluster.h"

#include <stdexcept>

#include "client_config.h"
#include "message_record.h"

namespace kfn::kafka::testing {
namespace {

ClientHandle make_client(rd_kafka_type_t type, Properties const& properties) {
  auto conf = make_conf(properties);
  char error[512];
  ClientHandle client(rd_kafka_new(type, conf.get(), error, sizeof error));
  if (!client) throw std::runtime_error(error);
  conf.release();
  return client;
}

void check(rd_kafka_resp_err_t code, char const* what) {
  if (code != RD_KAFKA_RESP_ERR_NO_ERROR) throw std::runtime_error(std::string(what) + ": " + rd_kafka_err2str(code));
}

int partition_count(rd_kafka_t* client, std::string const& topic) {
  rd_kafka_metadata_t const* metadata = nullptr;
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (rd_kafka_metadata(client, 1, nullptr, &metadata, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
    int count = 0;
    for (int i = 0; i < metadata->topic_cnt; ++i) {
      if (topic == metadata->topics[i].topic) count = metadata->topics[i].partition_cnt;
    }
    rd_kafka_metadata_destroy(metadata);
    if (count > 0) return count;
  }
  throw std::runtime_error("no metadata for topic " + topic);
}

}  // namespace

MockCluster::MockCluster(int brokers)
    : owner_(make_client(RD_KAFKA_PRODUCER, {{"test.mock.num.brokers", std::to_string(brokers)},
                                             {"log_level", "3"}})) {
  bootstrap_ = rd_kafka_mock_cluster_bootstraps(raw());
}

rd_kafka_mock_cluster_t* MockCluster::raw() const { return rd_kafka_handle_mock_cluster(owner_.get()); }

void MockCluster::create_topic(std::string const& name, int partitions) {
  check(rd_kafka_mock_topic_create(raw(), name.c_str(), partitions, 1), "creating topic");
}

void MockCluster::push_request_errors(std::int16_t api_key, std::vector<rd_kafka_resp_err_t> const& errors) {
  rd_kafka_mock_push_request_errors_array(raw(), api_key, errors.size(), errors.data());
}

void MockCluster::push_broker_request_errors(std::int32_t broker, std::int16_t api_key, rd_kafka_resp_err_t error,
                                             int count) {
  for (int i = 0; i < count; ++i) {
    check(rd_kafka_mock_broker_push_request_error_rtts(raw(), broker, api_key, 1, error, 0), "push broker errors");
  }
}

void MockCluster::set_broker_down(std::int32_t broker) { check(rd_kafka_mock_broker_set_down(raw(), broker), "broker down"); }
void MockCluster::set_broker_up(std::int32_t broker) { check(rd_kafka_mock_broker_set_up(raw(), broker), "broker up"); }

void MockCluster::set_leader(std::string const& topic, std::int32_t partition, std::int32_t broker) {
  check(rd_kafka_mock_partition_set_leader(raw(), topic.c_str(), partition, broker), "set leader");
}

TestProducer::TestProducer(std::string const& bootstrap)
    : client_(make_client(RD_KAFKA_PRODUCER, {{"bootstrap.servers", bootstrap},
                                              {"enable.idempotence", "true"},
                                              {"acks", "all"},
                                              {"linger.ms", "2"},
                                              {"log_level", "3"}})) {}

TestProducer::~TestProducer() { rd_kafka_flush(client_.get(), 5000); }

void TestProducer::send(std::string const& topic, std::optional<std::string> const& key, std::string const& value,
                        Headers const& headers, std::int32_t partition) {
  HeadersHandle rd_headers(rd_kafka_headers_new(headers.size()));
  for (auto const& [name, header_value] : headers) {
    rd_kafka_header_add(rd_headers.get(), name.data(), static_cast<ssize_t>(name.size()), header_value.data(),
                        static_cast<ssize_t>(header_value.size()));
  }
  std::vector<rd_kafka_vu_t> fields(6);
  fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
  fields[0].u.cstr = topic.c_str();
  fields[1].vtype = RD_KAFKA_VTYPE_KEY;
  fields[1].u.mem = {key ? const_cast<char*>(key->data()) : nullptr, key ? key->size() : 0};
  fields[2].vtype = RD_KAFKA_VTYPE_VALUE;
  fields[2].u.mem = {const_cast<char*>(value.data()), value.size()};
  fields[3].vtype = RD_KAFKA_VTYPE_HEADERS;
  fields[3].u.headers = rd_headers.get();
  fields[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
  fields[4].u.i = RD_KAFKA_MSG_F_COPY;
  fields[5].vtype = RD_KAFKA_VTYPE_PARTITION;
  fields[5].u.i32 = partition;
  for (;;) {
    ErrorHandle error(rd_kafka_produceva(client_.get(), fields.data(), fields.size()));
    if (!error) break;
    if (rd_kafka_error_code(error.get()) != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      throw std::runtime_error(std::string("produce: ") + rd_kafka_error_string(error.get()));
    }
    rd_kafka_poll(client_.get(), 10);  // backpressure: let deliveries drain
  }
  rd_headers.release();
  rd_kafka_poll(client_.get(), 0);
}

void TestProducer::flush(std::chrono::milliseconds timeout) {
  check(rd_kafka_flush(client_.get(), static_cast<int>(timeout.count())), "flush");
}

std::vector<Record> read_records(std::string const& bootstrap, std::string const& topic, std::size_t count,
                                 std::chrono::milliseconds timeout) {
  auto consumer = make_client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstrap},
                                                  {"group.id", "kfn-test-reader"},
                                                  {"enable.auto.commit", "false"},
                                                  {"log_level", "3"}});
  auto partitions = partition_count(consumer.get(), topic);
  PartitionListHandle assignment(rd_kafka_topic_partition_list_new(partitions));
  for (int p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  check(rd_kafka_assign(consumer.get(), assignment.get()), "assign");
  std::vector<Record> records;
  auto const give_up = std::chrono::steady_clock::now() + timeout;
  while (records.size() < count && std::chrono::steady_clock::now() < give_up) {
    MessageHandle message(rd_kafka_consumer_poll(consumer.get(), 100));
    if (message && message->err == RD_KAFKA_RESP_ERR_NO_ERROR) records.push_back(to_record(*message));
  }
  rd_kafka_consumer_close(consumer.get());
  return records;
}

std::vector<std::int64_t> committed_offsets(std::string const& bootstrap, std::string const& group,
                                            std::string const& topic, int partitions) {
  auto consumer = make_client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstrap}, {"group.id", group}, {"log_level", "3"}});
  PartitionListHandle list(rd_kafka_topic_partition_list_new(partitions));
  for (int p = 0; p < partitions; ++p) rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p);
  check(rd_kafka_committed(consumer.get(), list.get(), 10000), "committed");
  std::vector<std::int64_t> offsets;
  for (int p = 0; p < partitions; ++p) offsets.push_back(list->elems[p].offset < 0 ? -1 : list->elems[p].offset);
  rd_kafka_consumer_close(consumer.get());
  return offsets;
}

std::optional<std::string> header(Headers const& headers, std::string const& name) {
  std::optional<std::string> found;
  for (auto const& [key, value] : headers) {
    if (key == name) found = value;
  }
  return found;
}

}  // namespace kfn::kafka::testing
