// Where a request's one response goes. Keeps the request pipeline free of Pistache types.
#pragma once

#include <memory>
#include <string>

#include "in_flight.h"
#include "kfn/http.h"

namespace kfn::http {

class ResponseSink {
 public:
  virtual ~ResponseSink() = default;
  // Called exactly once per request, from any thread; never throws. `server_keep_alive` false asks
  // to close the connection afterwards (e.g. while draining); `ticket` is released once the bytes
  // are written or the connection is gone.
  virtual void send(HttpResponse const& response, bool server_keep_alive,
                    std::shared_ptr<InFlight::Ticket> ticket) = 0;
  // See Connection::take_over: writes `head` (already serialized) and returns a dup of the socket for
  // a mounted route, or -1. After it, send() writes nothing.
  virtual int take_over(std::string const& head) = 0;
  [[nodiscard]] virtual bool http_1_1() const = 0;
};

}  // namespace kfn::http
