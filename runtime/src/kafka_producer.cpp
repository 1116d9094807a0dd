// Configuration for an idempotent producer, the poll thread, QUEUE_FULL backpressure and a close
// that never leaves a delivery callback unserved.
#include "kafka_producer.h"

#include <memory>
#include <vector>

#include "kfn/errors.h"
#include "kfn/host/thread_name.h"

namespace kfn::host {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(100);

KafkaProperties producer_properties(ProducerSettings const& settings) {
  KafkaProperties properties{
      {"bootstrap.servers", settings.brokers},
      // Retries can neither duplicate nor reorder records (implies acks=all, max.in.flight <= 5).
      {"enable.idempotence", "true"},
      {"acks", "all"},
      {"linger.ms", std::to_string(settings.linger.count())},
      {"compression.codec", "none"},
      {"message.timeout.ms", std::to_string(settings.message_timeout.count())},
      // Same key -> same partition as Java clients, so other producers of these topics agree.
      {"partitioner", "murmur2_random"},
  };
  properties.insert(properties.end(), settings.overrides.begin(), settings.overrides.end());
  return properties;
}

KafkaProducer& producer_of(rd_kafka_t const* handle) {
  return *static_cast<KafkaProducer*>(rd_kafka_opaque(handle));
}

}  // namespace

KafkaProducer::KafkaProducer(ProducerSettings const& settings, Logger& log)
    : log_(log), queue_full_wait_(settings.queue_full_wait) {
  auto conf = make_kafka_conf(producer_properties(settings));
  rd_kafka_conf_set_opaque(conf.get(), this);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaProducer::on_delivery_report);
  rd_kafka_conf_set_error_cb(conf.get(), &KafkaProducer::on_error);
  rd_kafka_conf_set_log_cb(conf.get(), &KafkaProducer::on_log);
  handle_ = make_kafka_handle(RD_KAFKA_PRODUCER, std::move(conf));
  poller_ = std::thread([this] { poll_loop(); });
}

KafkaProducer::~KafkaProducer() { close(std::chrono::seconds(5)); }

void KafkaProducer::poll_loop() {
  kfn::host::name_this_thread("kfn-produce");
  while (!stopping_.load(std::memory_order_acquire)) {
    rd_kafka_poll(handle_.get(), static_cast<int>(kPollInterval.count()));
  }
}

void KafkaProducer::produce(KafkaRecord const& record, DeliveryCallback on_delivery) {
  if (closed_.load(std::memory_order_acquire)) throw Unavailable("kafka: producer is closed");
  // librdkafka keeps this until the delivery report; it is freed there, or below if never queued.
  auto callback = std::make_unique<DeliveryCallback>(std::move(on_delivery));
  auto const deadline = std::chrono::steady_clock::now() + queue_full_wait_;
  for (;;) {
    std::uint64_t const rooms_seen = room_generation();
    DeliveryCallback* raw = callback.get();
    auto const code = try_produce(record, raw);
    if (code == RD_KAFKA_RESP_ERR_NO_ERROR) {
      static_cast<void>(callback.release());
      return;
    }
    auto const error = KafkaError::from(code);
    if (code != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      if (error.retryable || code == RD_KAFKA_RESP_ERR__FATAL) throw Unavailable("kafka: " + error.message);
      throw std::runtime_error("kafka: cannot produce to " + record.topic + ": " + error.message);
    }
    std::unique_lock lock(room_mutex_);
    if (!room_.wait_until(lock, deadline, [&] { return room_generation_ != rooms_seen; })) {
      throw Unavailable("kafka: producer queue full (broker slow or down)");
    }
  }
}

std::uint64_t KafkaProducer::room_generation() {
  std::lock_guard lock(room_mutex_);
  return room_generation_;
}

rd_kafka_resp_err_t KafkaProducer::try_produce(KafkaRecord const& record, DeliveryCallback*& on_delivery) {
  std::vector<rd_kafka_vu_t> fields(4 + record.headers.size());
  fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
  fields[0].u.cstr = record.topic.c_str();
  // The payload is copied (RD_KAFKA_MSG_F_COPY), so the record may die as soon as this returns.
  fields[1].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
  fields[1].u.i = RD_KAFKA_MSG_F_COPY;
  fields[2].vtype = RD_KAFKA_VTYPE_KEY;
  // An empty key is sent as no key at all, so the partitioner spreads such records.
  fields[2].u.mem = {record.key.empty() ? nullptr : const_cast<char*>(record.key.data()), record.key.size()};
  fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
  fields[3].u.mem = {const_cast<char*>(record.value.data()), record.value.size()};
  for (std::size_t i = 0; i < record.headers.size(); ++i) {
    auto& field = fields[4 + i];
    auto const& [name, value] = record.headers[i];
    field.vtype = RD_KAFKA_VTYPE_HEADER;
    field.u.header = {name.c_str(), value.data(), static_cast<ssize_t>(value.size())};
  }
  fields.emplace_back();
  fields.back().vtype = RD_KAFKA_VTYPE_OPAQUE;
  fields.back().u.ptr = on_delivery;
  KafkaErrorHandle error(rd_kafka_produceva(handle_.get(), fields.data(), fields.size()));
  return error ? rd_kafka_error_code(error.get()) : RD_KAFKA_RESP_ERR_NO_ERROR;
}

void KafkaProducer::on_delivery_report(rd_kafka_t* /*handle*/, rd_kafka_message_t const* message,
                                       void* opaque) {
  static_cast<KafkaProducer*>(opaque)->deliver(*message);
}

void KafkaProducer::deliver(rd_kafka_message_t const& message) {
  std::unique_ptr<DeliveryCallback> callback(static_cast<DeliveryCallback*>(message._private));
  std::optional<KafkaError> error;
  if (message.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    error = KafkaError::from(message.err);
    failed_.fetch_add(1, std::memory_order_relaxed);
  } else {
    delivered_.fetch_add(1, std::memory_order_relaxed);
  }
  if (callback && *callback) {
    try {
      (*callback)(error);
    } catch (std::exception const& e) {
      log_.error("kafka delivery callback threw", {{"error", e.what()}});
    }
  }
  {
    std::lock_guard lock(room_mutex_);
    ++room_generation_;
  }
  room_.notify_all();
}

void KafkaProducer::on_error(rd_kafka_t* handle, int code, char const* reason, void* /*opaque*/) {
  auto& self = producer_of(handle);
  auto const error = static_cast<rd_kafka_resp_err_t>(code);
  if (error == RD_KAFKA_RESP_ERR__FATAL) {
    char detail[512];
    rd_kafka_fatal_error(handle, detail, sizeof detail);
    self.log_.error("kafka producer failed for good", {{"error", detail}});
    return;
  }
  self.log_.warn("kafka producer error", {{"error", rd_kafka_err2str(error)}, {"reason", reason}});
}

void KafkaProducer::on_log(rd_kafka_t const* handle, int level, char const* facility, char const* text) {
  // Syslog levels: only warnings and worse are worth a line; errors also reach on_error.
  if (level > 4) return;
  producer_of(handle).log_.warn("librdkafka", {{"facility", facility}, {"message", text}});
}

bool KafkaProducer::flush(std::chrono::milliseconds timeout) {
  return rd_kafka_flush(handle_.get(), static_cast<int>(timeout.count())) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

void KafkaProducer::close(std::chrono::milliseconds grace) {
  if (closed_.exchange(true)) return;
  flush(grace);
  stopping_.store(true, std::memory_order_release);
  poller_.join();
  // What could not be delivered in time fails now, so every callback runs before we return.
  rd_kafka_purge(handle_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_flush(handle_.get(), 1000);
}

bool KafkaProducer::reachable(std::chrono::milliseconds timeout, std::string& detail) {
  rd_kafka_metadata_t const* raw = nullptr;
  auto const code = rd_kafka_metadata(handle_.get(), 0, nullptr, &raw, static_cast<int>(timeout.count()));
  KafkaMetadataHandle metadata(raw);
  if (code == RD_KAFKA_RESP_ERR_NO_ERROR && metadata && metadata->broker_cnt > 0) return true;
  detail = std::string("kafka: ") + rd_kafka_err2str(code);
  return false;
}

int KafkaProducer::queued() const { return rd_kafka_outq_len(handle_.get()); }

}  // namespace kfn::host
