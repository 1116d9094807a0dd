// Conversions between librdkafka partition lists and the trigger's plain partition ids.
#pragma once

#include <librdkafka/rdkafka.h>

#include <vector>

#include "holders.h"
#include "record.h"
#include "scheduler.h"

namespace kfn::kafka {

std::vector<PartitionId> ids_of(rd_kafka_topic_partition_list_t const& list);
PartitionListHandle to_list(std::vector<PartitionId> const& ids);
// Each partition with its commit point as the offset.
PartitionListHandle to_list(std::vector<CommitPoint> const& points);
// "topic[0],topic[3]" for log lines.
std::string describe(std::vector<PartitionId> const& ids);

}  // namespace kfn::kafka
