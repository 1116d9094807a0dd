// How a consumed record becomes the CloudEvent a function sees, and the trace context it carries.
#pragma once

#include <string>
#include <string_view>

#include "kfn/event.h"
#include "record.h"

namespace kfn::kafka {

kfn::CloudEvent to_cloud_event(Record const& record);

// Sets every attribute of `event` from the record, as to_cloud_event does, except `data`, which the
// caller fills. Assigning into an event used before keeps its strings' buffers: at hundreds of
// thousands of records a second the trigger reuses events rather than allocating each one anew.
void assign_cloud_event(kfn::CloudEvent& event, Record const& record);

// The CloudEvent type the function would see for a record with these headers: the `ce_type` header
// (the last one, any case), else KafkaSource's "dev.knative.kafka.event" for a plain record.
std::string_view cloud_event_type_of(Headers const& headers);

// The record's W3C traceparent: the `traceparent` header, else `ce_traceparent`; empty when absent.
// A view into `headers`.
std::string_view traceparent_of(Headers const& headers);

// The trace-id part of a traceparent ("00-<trace-id>-<span-id>-<flags>"), empty when malformed.
std::string_view trace_id_of(std::string_view traceparent);

}  // namespace kfn::kafka
