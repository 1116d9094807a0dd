#include "consumer_properties.h"

namespace kfn::sse {

std::vector<std::pair<std::string, std::string>> consumer_properties(std::string const& brokers,
                                                                     std::string const& group_id,
                                                                     std::chrono::milliseconds fetch_wait) {
  return {
      {"bootstrap.servers", brokers},
      {"group.id", group_id},
      {"client.id", "kfn-sse-edge"},
      {"enable.auto.commit", "false"},  // the group is this process's alone: nothing to resume
      {"auto.offset.reset", "latest"},
      {"enable.partition.eof", "false"},
      {"fetch.wait.max.ms", std::to_string(fetch_wait.count())},
  };
}

}  // namespace kfn::sse
