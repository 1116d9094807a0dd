// The librdkafka settings the trigger's consumers and dead-letter producer run with, and the one
// place they become an rd_kafka_conf_t.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "holders.h"
#include "kfn/host/manifest.h"
#include "kfn/kafka/trigger.h"
#include "kfn/log.h"

namespace kfn::kafka {

using Properties = std::map<std::string, std::string>;

// Cooperative-sticky group member that never stores or commits an offset on its own: the trigger
// stores the contiguous done watermark and commits it when a statistics report (every
// commit_interval) says the group is steady.
Properties consumer_properties(std::string const& brokers, std::string const& function,
                               kfn::host::KafkaTrigger const& trigger, TriggerOptions const& options);
// Idempotent, acks=all: a dead letter is written exactly once, in order, or reported as failed.
Properties producer_properties(std::string const& brokers, TriggerOptions const& options);

// Throws std::invalid_argument naming the property librdkafka refused.
ConfHandle make_conf(Properties const& properties);

// "key=value,key=value" (blank entries ignored); throws std::invalid_argument when malformed.
Properties parse_property_list(std::string_view text);

// librdkafka's log lines (syslog levels) into the process logger.
void forward_client_log(kfn::Logger& log, int level, char const* facility, char const* message);

}  // namespace kfn::kafka
