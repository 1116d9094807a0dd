// Routes another trigger serves on the HTTP trigger's port (the SSE edge's /events): the server
// authenticates and runs the handler on a worker thread; the handler answers, or takes the socket
// over for a response that outlives the request (an event stream).
#pragma once

#include <functional>
#include <string>

#include "kfn/auth.h"
#include "kfn/http.h"

namespace kfn::http {

// The connection a mounted request came on. Used only during the handler call, on its thread.
class Connection {
 public:
  virtual ~Connection() = default;
  // Writes `head`'s status line and fields (plus X-Request-Id, CORS and the framing fields: chunked
  // for HTTP/1.1, close-delimited for HTTP/1.0; its body is ignored) and returns a descriptor of the
  // handler's own for the connection's socket (a dup: the handler closes it, and its number is never
  // reused while it is open), or -1 when the client is gone. From then on the server writes nothing
  // on the connection, no timeout of the server ends it, and the handler's return value is
  // discarded: the handler writes the body (in chunks on HTTP/1.1) and ends it.
  virtual int take_over(HttpResponse head) = 0;
  [[nodiscard]] virtual bool http_1_1() const = 0;
};

enum class MountedAuth {
  kRequired,  // a valid Bearer token, else 401
  kOptional,  // a Bearer token is checked when sent (401 if invalid); without one, caller is null
};

struct MountedRoute {
  std::string method;  // GET, POST, ...
  std::string path;    // exact, no parameters
  MountedAuth auth = MountedAuth::kRequired;
  // Runs on a worker thread; may block on Redis. Exceptions become a 500.
  std::function<HttpResponse(HttpRequest const& request, Identity const* caller, Connection& connection)>
      handler;
};

}  // namespace kfn::http
