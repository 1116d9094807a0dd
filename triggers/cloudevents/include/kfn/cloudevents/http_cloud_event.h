// A CloudEvent received over HTTP (binary or structured mode), as Knative's KafkaSource dispatcher
// sends it, turned into the kfn::CloudEvent a function sees: the same event the local runner's Kafka
// trigger builds from the record itself.
//
//   auto parsed = kfn::cloudevents::parse_http_cloud_event(request);
//   if (auto const* error = std::get_if<kfn::cloudevents::Malformed>(&parsed)) ...  // answer 400
#pragma once

#include <string>
#include <variant>

#include "kfn/event.h"
#include "kfn/http.h"

namespace kfn::cloudevents {

// Why a request is no valid CloudEvent; the message is safe to return to the sender.
struct Malformed {
  std::string message;
};

using ParsedEvent = std::variant<kfn::CloudEvent, Malformed>;

// Binary mode (`ce-*` headers, the body is the data) unless Content-Type is
// application/cloudevents+json (structured mode). Requires specversion 1.0, id, source and type.
// KafkaSource's attributes of a plain record (id "partition:P/offset:O", source "...#<topic>",
// `key`, `kafkaheader<name>`) become the topic, partition, offset, key and record headers.
ParsedEvent parse_http_cloud_event(kfn::HttpRequest const& request);

}  // namespace kfn::cloudevents
