// Copies a consumed librdkafka message into a Record (the only place a message is read).
#pragma once

#include <librdkafka/rdkafka.h>

#include "record.h"

namespace kfn::kafka {

Record to_record(rd_kafka_message_t const& message);

// The same copy, assigned over a record used before so its strings' buffers are reused (the poll
// thread keeps one batch of records and refills it on every poll).
void assign_record(Record& record, rd_kafka_message_t const& message);

}  // namespace kfn::kafka
