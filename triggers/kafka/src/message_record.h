// Copies a consumed librdkafka message into a Record (the only place a message is read).
#pragma once

#include <librdkafka/rdkafka.h>

#include "record.h"

namespace kfn::kafka {

Record to_record(rd_kafka_message_t const& message);

}  // namespace kfn::kafka
