// Events in and out of functions: the CloudEvent an event function receives, the result it returns,
// and the domain event a function publishes (CloudEvents 1.0 in Kafka binary mode, see API.md).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kfn {

// One Kafka record as a CloudEvent. Records that were not CloudEvents get the attributes KafkaSource
// would give them (id "partition:P/offset:O", type "dev.knative.kafka.event"), so functions see one shape.
struct CloudEvent {
  std::string id;
  std::string source;
  std::string type;
  std::string specversion = "1.0";
  std::string subject;
  std::string time;             // RFC 3339, may be empty
  std::string datacontenttype;  // e.g. application/json
  std::string data;             // the record value, as bytes
  // Other attributes and extensions (traceparent, partitionkey, ...), by lower-case name.
  std::map<std::string, std::string> extensions;

  // Where the record came from; partition and offset are -1 when unknown.
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  std::optional<std::string> key;
};

enum class Outcome {
  kDone,       // handled (or deliberately ignored): commit it
  kRetry,      // transient failure: try again with backoff
  kPermanent,  // will never succeed: dead-letter it now
};

struct EventResult {
  Outcome outcome = Outcome::kDone;
  std::string reason;

  static EventResult done() { return {Outcome::kDone, {}}; }
  static EventResult retry(std::string why) { return {Outcome::kRetry, std::move(why)}; }
  static EventResult permanent(std::string why) { return {Outcome::kPermanent, std::move(why)}; }
};

// A fact a function publishes. The runtime adds the CloudEvent headers (ce_id, ce_source
// "/kfn/<function>", ce_type = type, ce_time, ce_subject = key, traceparent) and puts "event_type"
// and "occurred_at" into the JSON data.
struct DomainEvent {
  DomainEvent() = default;
  DomainEvent(std::string topic_name, std::string event_key, std::string event_type,
              nlohmann::json event_data = nlohmann::json::object())
      : topic(std::move(topic_name)),
        key(std::move(event_key)),
        type(std::move(event_type)),
        data(std::move(event_data)) {}

  std::string topic;
  std::string key;
  std::string type;
  nlohmann::json data = nlohmann::json::object();
  // W3C traceparent to send with the event; empty: the one of the invocation that publishes it. Set
  // when one invocation publishes on behalf of others (e.g. a batch of concurrent requests).
  std::string traceparent;
};

// Publishes events outside a database transaction (for facts with no database state of their own).
// Inside a transaction use Transaction::publish, which goes through the outbox.
// Thread-safe; one instance per loaded function.
class EventPublisher {
 public:
  virtual ~EventPublisher() = default;
  // Hands the event to the idempotent producer; throws kfn::Unavailable when it cannot be queued.
  virtual void publish(DomainEvent event) = 0;
  // Publishes the events and returns once Kafka has acknowledged every one (acks=all): for what must
  // not be lost yet needs no transaction, e.g. a fan-out that is a function of the event alone. Call
  // it before the event that caused them is recorded as processed, so a crash in between repeats them
  // rather than losing them. Throws kfn::Unavailable when any was not acknowledged; which is unknown,
  // so publish them all again.
  virtual void publish_confirmed(std::vector<DomainEvent> events) = 0;
};

}  // namespace kfn
