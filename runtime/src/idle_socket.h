// Telling a dead pooled connection from a live one without a round trip: MySQL and Redis never
// send anything to an idle client, so an idle socket that is readable was closed (or killed) by the server.
#pragma once

#include <poll.h>

namespace kfn::host {

inline bool idle_socket_closed_by_peer(int fd) {
  if (fd < 0) return true;
  pollfd watched{fd, POLLIN, 0};
  return poll(&watched, 1, 0) != 0;  // readable, hung up, or an error: unusable either way
}

}  // namespace kfn::host
