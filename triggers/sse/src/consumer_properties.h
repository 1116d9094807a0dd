// The librdkafka settings of the edge's deliveries consumer, kept apart from the client so the
// choices (and the one that depends on the cluster) are testable without a broker.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace kfn::sse {

// `fetch_wait` bounds how long a fetch waits when no record is there: a real broker answers as soon
// as one arrives, so there it only sets the idle polling rate; librdkafka's mock cluster holds every
// such fetch for the whole wait, so there it is added to the latency of each delivery.
std::vector<std::pair<std::string, std::string>> consumer_properties(std::string const& brokers,
                                                                     std::string const& group_id,
                                                                     std::chrono::milliseconds fetch_wait);

}  // namespace kfn::sse
