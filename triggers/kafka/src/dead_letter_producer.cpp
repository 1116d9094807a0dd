// Producing dead letters and serving their delivery reports.
#include "dead_letter_producer.h"

#include <memory>
#include <mutex>
#include <vector>

#include "kafka_error.h"
#include "kfn/host/thread_name.h"

namespace kfn::kafka {
namespace {

// What travels with a message as its opaque, until its delivery report.
struct PendingDelivery {
  DeadLetterSink::OnDelivery on_delivery;
};

HeadersHandle to_rd_headers(Headers const& headers) {
  HeadersHandle rd_headers(rd_kafka_headers_new(headers.size()));
  for (auto const& [name, value] : headers) {
    rd_kafka_header_add(rd_headers.get(), name.data(), static_cast<ssize_t>(name.size()), value.data(),
                        static_cast<ssize_t>(value.size()));
  }
  return rd_headers;
}

KafkaError produce(rd_kafka_t* client, OutgoingRecord const& record, rd_kafka_headers_t* headers,
                   void* opaque) {
  std::vector<rd_kafka_vu_t> fields(6);
  fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
  fields[0].u.cstr = record.topic.c_str();
  fields[1].vtype = RD_KAFKA_VTYPE_KEY;
  fields[1].u.mem = {record.key ? const_cast<char*>(record.key->data()) : nullptr,
                     record.key ? record.key->size() : 0};
  fields[2].vtype = RD_KAFKA_VTYPE_VALUE;
  fields[2].u.mem = {record.value ? const_cast<char*>(record.value->data()) : nullptr,
                     record.value ? record.value->size() : 0};
  fields[3].vtype = RD_KAFKA_VTYPE_HEADERS;
  fields[3].u.headers = headers;
  fields[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
  fields[4].u.i = RD_KAFKA_MSG_F_COPY;
  fields[5].vtype = RD_KAFKA_VTYPE_OPAQUE;
  fields[5].u.ptr = opaque;
  return KafkaError::from_error(rd_kafka_produceva(client, fields.data(), fields.size()));
}

}  // namespace

DeadLetterProducer::DeadLetterProducer(Properties properties, kfn::Logger& log)
    : properties_(std::move(properties)), log_(log), client_(create_client()) {
  poller_ = std::thread([this] { poll_loop(); });
}

DeadLetterProducer::~DeadLetterProducer() { close(std::chrono::milliseconds(0)); }

ClientHandle DeadLetterProducer::create_client() {
  auto conf = make_conf(properties_);
  rd_kafka_conf_set_opaque(conf.get(), this);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &DeadLetterProducer::on_message_delivered);
  rd_kafka_conf_set_log_cb(conf.get(), &DeadLetterProducer::on_log);
  char error[512];
  ClientHandle client(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), error, sizeof error));
  if (!client) throw KafkaException(KafkaError::from_code(RD_KAFKA_RESP_ERR__INVALID_ARG, error));
  conf.release();  // rd_kafka_new owns it on success
  return client;
}

void DeadLetterProducer::send(OutgoingRecord record, OnDelivery on_delivery) {
  auto pending = std::make_unique<PendingDelivery>(PendingDelivery{std::move(on_delivery)});
  auto headers = to_rd_headers(record.headers);
  KafkaError result = KafkaError::from_code(RD_KAFKA_RESP_ERR__STATE, "dead-letter producer is closed");
  {
    std::shared_lock lock(client_mutex_);
    if (client_ && !stopping_) result = produce(client_.get(), record, headers.get(), pending.get());
  }
  if (result.ok()) {
    headers.release();  // the message owns them now
    pending.release();  // freed by the delivery report
    return;
  }
  // Not queued (queue full, producer closing or replaced): report it; the caller writes it again later.
  pending->on_delivery(result.describe());
}

void DeadLetterProducer::on_message_delivered(rd_kafka_t*, rd_kafka_message_t const* message, void*) {
  std::unique_ptr<PendingDelivery> pending(static_cast<PendingDelivery*>(message->_private));
  if (!pending) return;
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    pending->on_delivery(std::nullopt);
  } else {
    pending->on_delivery(KafkaError::from_code(message->err).describe());
  }
}

void DeadLetterProducer::on_log(rd_kafka_t const* client, int level, char const* facility,
                                char const* message) {
  auto* self = static_cast<DeadLetterProducer*>(rd_kafka_opaque(client));
  forward_client_log(self->log_, level, facility, message);
}

void DeadLetterProducer::poll_loop() {
  kfn::host::name_this_thread("kfn-kafka-dlq");
  while (!stopping_) {
    {
      std::shared_lock lock(client_mutex_);
      if (client_) rd_kafka_poll(client_.get(), 100);
    }
    replace_if_fatal();
  }
}

// An idempotent producer that hit a fatal error (e.g. a broken sequence) cannot write again.
void DeadLetterProducer::replace_if_fatal() {
  char reason[512];
  {
    std::shared_lock lock(client_mutex_);
    if (!client_) return;
    if (rd_kafka_fatal_error(client_.get(), reason, sizeof reason) == RD_KAFKA_RESP_ERR_NO_ERROR) return;
  }
  log_.error("dead-letter producer failed fatally, replacing it", {{"error", reason}});
  std::unique_lock lock(client_mutex_);
  rd_kafka_purge(client_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_flush(client_.get(), 1000);  // serves the purged writes' reports: they will be written again
  client_.reset();
  try {
    client_ = create_client();
  } catch (std::exception const& e) {
    log_.error("cannot recreate the dead-letter producer", {{"error", e.what()}});
    stopping_ = true;
  }
}

void DeadLetterProducer::close(std::chrono::milliseconds grace) {
  bool const was_stopping = stopping_.exchange(true);
  if (poller_.joinable()) poller_.join();
  if (!client_) return;
  if (!was_stopping || grace.count() > 0) rd_kafka_flush(client_.get(), static_cast<int>(grace.count()));
  rd_kafka_purge(client_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_flush(client_.get(), 1000);  // serves the purged writes' reports
  client_.reset();
}

}  // namespace kfn::kafka
