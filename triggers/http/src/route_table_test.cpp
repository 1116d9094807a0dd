#include "route_table.h"

#include <catch2/catch.hpp>
#include <stdexcept>

namespace kfn::http {
namespace {

RouteEntry route(std::string function, std::string method, std::string path) {
  RouteEntry entry;
  entry.function = std::move(function);
  entry.route.method = std::move(method);
  entry.route.path = std::move(path);
  return entry;
}

RouteTable chat_routes() {
  return RouteTable({
      route("users-get", "GET", "/users/{id}"),
      route("users-search", "GET", "/users/search"),
      route("messages-send", "POST", "/messages/{room_id}"),
      route("messages-list", "GET", "/messages/{room_id}"),
      route("messages-edit", "PATCH", "/messages/{room_id}/{message_id}"),
      route("friends-status", "PUT", "/friends/status/{requester_user_id}"),
      route("profile-me", "GET", "/profile/me"),
  });
}

}  // namespace

TEST_CASE("a literal path finds its function without parameters") {
  auto table = chat_routes();
  auto lookup = table.find("GET", "/profile/me");
  REQUIRE(lookup.outcome == RouteLookup::Outcome::kFound);
  CHECK(lookup.entry->function == "profile-me");
  CHECK(lookup.params.empty());
}

TEST_CASE("parameters are bound by name in template order") {
  auto table = chat_routes();
  auto lookup = table.find("PATCH", "/messages/42/7");
  REQUIRE(lookup.outcome == RouteLookup::Outcome::kFound);
  CHECK(lookup.entry->function == "messages-edit");
  CHECK(lookup.params == PathParams{{"room_id", "42"}, {"message_id", "7"}});
}

TEST_CASE("a literal segment wins over a parameter when both match") {
  auto table = chat_routes();
  CHECK(table.find("GET", "/users/search").entry->function == "users-search");
  CHECK(table.find("GET", "/users/17").entry->function == "users-get");
}

TEST_CASE("the literal wins whatever order the routes were declared in") {
  RouteTable table({route("by-id", "GET", "/a/{x}/c"), route("literal", "GET", "/a/b/{y}"),
                    route("both", "GET", "/a/{x}/{y}")});
  CHECK(table.find("GET", "/a/b/c").entry->function == "literal");
  CHECK(table.find("GET", "/a/z/c").entry->function == "by-id");
  CHECK(table.find("GET", "/a/z/q").entry->function == "both");
}

TEST_CASE("the same path under several methods picks the request's method") {
  auto table = chat_routes();
  CHECK(table.find("POST", "/messages/5").entry->function == "messages-send");
  CHECK(table.find("GET", "/messages/5").entry->function == "messages-list");
}

TEST_CASE("an unknown path is not found") {
  auto table = chat_routes();
  CHECK(table.find("GET", "/nope").outcome == RouteLookup::Outcome::kNotFound);
  CHECK(table.find("GET", "/messages").outcome == RouteLookup::Outcome::kNotFound);
  CHECK(table.find("GET", "/messages/1/2/3").outcome == RouteLookup::Outcome::kNotFound);
  CHECK(table.find("GET", "").outcome == RouteLookup::Outcome::kNotFound);
}

TEST_CASE("a trailing slash or an empty parameter does not match") {
  auto table = chat_routes();
  CHECK(table.find("GET", "/profile/me/").outcome == RouteLookup::Outcome::kNotFound);
  CHECK(table.find("GET", "/users/").outcome == RouteLookup::Outcome::kNotFound);
}

TEST_CASE("a path served only under other methods is method-not-allowed with those methods") {
  auto table = chat_routes();
  auto lookup = table.find("DELETE", "/messages/5");
  CHECK(lookup.outcome == RouteLookup::Outcome::kMethodNotAllowed);
  CHECK(lookup.allowed_methods == std::vector<std::string>{"GET", "POST"});
  CHECK(lookup.entry == nullptr);
}

TEST_CASE("parameter values are percent-decoded") {
  auto table = chat_routes();
  auto lookup = table.find("GET", "/users/al%20ice");
  REQUIRE(lookup.outcome == RouteLookup::Outcome::kFound);
  CHECK(lookup.params == PathParams{{"id", "al ice"}});
}

TEST_CASE("literal segments compare exactly") {
  CHECK(chat_routes().find("GET", "/Profile/me").outcome == RouteLookup::Outcome::kNotFound);
}

TEST_CASE("limits across routes are the largest body limit and timeout") {
  auto small = route("a", "GET", "/a");
  small.route.body_limit = 1024;
  small.route.timeout = std::chrono::milliseconds(500);
  auto large = route("b", "POST", "/b");
  large.route.body_limit = std::size_t{1024} * 1024;
  large.route.timeout = std::chrono::milliseconds(30'000);
  RouteTable table({small, large});
  CHECK(table.largest_body_limit() == std::size_t{1024} * 1024);
  CHECK(table.longest_timeout() == std::chrono::milliseconds(30'000));
}

TEST_CASE("malformed templates are refused at construction") {
  CHECK_THROWS_AS(RouteTable({route("x", "GET", "no-slash")}), std::invalid_argument);
  CHECK_THROWS_AS(RouteTable({route("x", "GET", "/a//b")}), std::invalid_argument);
  CHECK_THROWS_AS(RouteTable({route("x", "GET", "/a/{b")}), std::invalid_argument);
  CHECK_THROWS_AS(RouteTable({route("x", "GET", "/a/{}")}), std::invalid_argument);
}

TEST_CASE("only manifests with an http trigger become routes") {
  kfn::host::FunctionManifest http;
  http.name = "users-login";
  http.http = kfn::host::HttpRoute{};
  http.http->method = "POST";
  http.http->path = "/auth/login";
  kfn::host::FunctionManifest kafka;
  kafka.name = "push";
  kafka.kafka = kfn::host::KafkaTrigger{};
  auto table = RouteTable::from_manifests({&http, &kafka});
  REQUIRE(table.entries().size() == 1);
  CHECK(table.find("POST", "/auth/login").entry->function == "users-login");
}

}  // namespace kfn::http
