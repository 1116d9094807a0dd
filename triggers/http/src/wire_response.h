// An HttpResponse as HTTP/1.x bytes. The trigger writes responses itself rather than through
// Pistache's ResponseWriter, to decide keep-alive (RFC 9112) and to send repeated fields.
#pragma once

#include <string>

#include "kfn/http.h"

namespace kfn::http {

// Status line, the response's fields, Content-Length and a Connection field saying whether the
// connection stays open. Fields the server owns (Content-Length, Connection, Transfer-Encoding) and
// fields that are not valid HTTP (a name that is not a token, a value with CR, LF or NUL) are left
// out. 1xx, 204 and 304 responses carry no body and no Content-Length.
std::string serialize_response(HttpResponse const& response, bool http_1_1, bool keep_alive);

// The status line and fields of a response whose body follows in pieces (an event stream): chunked
// on HTTP/1.1, delimited by the connection's close on HTTP/1.0. The same fields are left out as above.
std::string serialize_stream_head(HttpResponse const& head, bool http_1_1);

}  // namespace kfn::http
