#include "wire_response.h"

#include <catch2/catch.hpp>

namespace kfn::http {

TEST_CASE("a response is written as status line, fields, length, connection and body") {
  HttpResponse response;
  response.status = 201;
  response.headers.add("Content-Type", "application/json");
  response.body = "{}";
  CHECK(serialize_response(response, true, true) ==
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
        "Connection: keep-alive\r\n\r\n{}");
}

TEST_CASE("a connection that will not be kept says close") {
  HttpResponse response;
  CHECK(serialize_response(response, true, false) ==
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

TEST_CASE("an HTTP/1.0 request gets an HTTP/1.0 status line") {
  HttpResponse response;
  CHECK(serialize_response(response, false, true).rfind("HTTP/1.0 200 OK\r\n", 0) == 0);
}

TEST_CASE("repeated fields are all written") {
  HttpResponse response;
  response.headers.add("Set-Cookie", "a=1");
  response.headers.add("Set-Cookie", "b=2");
  auto bytes = serialize_response(response, true, true);
  CHECK(bytes.find("Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n") != std::string::npos);
}

TEST_CASE("fields the server owns or that would break the framing are left out") {
  HttpResponse response;
  response.headers.add("Content-Length", "999");
  response.headers.add("connection", "close");
  response.headers.add("Transfer-Encoding", "chunked");
  response.headers.add("X-Split", "a\r\nInjected: yes");
  response.headers.add("Bad Name", "x");
  response.headers.add("X-Fine", "ok");
  CHECK(serialize_response(response, true, true) ==
        "HTTP/1.1 200 OK\r\nX-Fine: ok\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n");
}

TEST_CASE("204 carries neither a body nor a Content-Length") {
  HttpResponse response;
  response.status = 204;
  response.body = "ignored";
  CHECK(serialize_response(response, true, true) ==
        "HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n");
}

}  // namespace kfn::http
