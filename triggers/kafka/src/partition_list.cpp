// rd_kafka_topic_partition_list_t <-> PartitionId / CommitPoint.
#include "partition_list.h"

namespace kfn::kafka {

std::vector<PartitionId> ids_of(rd_kafka_topic_partition_list_t const& list) {
  std::vector<PartitionId> ids;
  ids.reserve(static_cast<std::size_t>(list.cnt));
  for (int i = 0; i < list.cnt; ++i) ids.push_back({list.elems[i].topic, list.elems[i].partition});
  return ids;
}

PartitionListHandle to_list(std::vector<PartitionId> const& ids) {
  PartitionListHandle list(rd_kafka_topic_partition_list_new(static_cast<int>(ids.size())));
  for (auto const& id : ids) rd_kafka_topic_partition_list_add(list.get(), id.topic.c_str(), id.partition);
  return list;
}

PartitionListHandle to_list(std::vector<CommitPoint> const& points) {
  PartitionListHandle list(rd_kafka_topic_partition_list_new(static_cast<int>(points.size())));
  for (auto const& point : points) {
    auto* element = rd_kafka_topic_partition_list_add(list.get(), point.partition.topic.c_str(),
                                                      point.partition.partition);
    element->offset = point.offset;
  }
  return list;
}

std::string describe(std::vector<PartitionId> const& ids) {
  std::string text;
  for (auto const& id : ids) {
    if (!text.empty()) text += ",";
    text += describe(id);
  }
  return text;
}

}  // namespace kfn::kafka
