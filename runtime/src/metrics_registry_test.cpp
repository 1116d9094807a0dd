#include "kfn/host/metrics_registry.h"

#include <catch2/catch.hpp>

using kfn::host::MetricsRegistry;

namespace {
bool contains(std::string const& text, std::string const& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("a counter renders with HELP, TYPE and its labels", "[metrics]") {
  MetricsRegistry registry;
  registry.counter("kfn_invocations_total", "Invocations.", {{"function", "users-login"}}).add();
  registry.counter("kfn_invocations_total", "Invocations.", {{"function", "users-login"}}).add(2);
  auto const text = registry.render();
  CHECK(contains(text, "# HELP kfn_invocations_total Invocations.\n"));
  CHECK(contains(text, "# TYPE kfn_invocations_total counter\n"));
  CHECK(contains(text, "kfn_invocations_total{function=\"users-login\"} 3\n"));
}

TEST_CASE("the same name and labels return the same series", "[metrics]") {
  MetricsRegistry registry;
  auto& a = registry.gauge("g", "help", {{"x", "1"}});
  auto& b = registry.gauge("g", "help", {{"x", "1"}});
  auto& c = registry.gauge("g", "help", {{"x", "2"}});
  CHECK(&a == &b);
  CHECK(&a != &c);
}

TEST_CASE("a gauge without labels renders its bare name", "[metrics]") {
  MetricsRegistry registry;
  registry.gauge("kfn_sse_connections", "Open streams.").set(4.5);
  CHECK(contains(registry.render(), "# TYPE kfn_sse_connections gauge\nkfn_sse_connections 4.5\n"));
}

TEST_CASE("a histogram renders cumulative buckets, +Inf, sum and count", "[metrics]") {
  MetricsRegistry registry;
  auto& h = registry.histogram("d_seconds", "Duration.", {{"function", "f"}});
  h.observe(0.0003);  // first bucket
  h.observe(0.003);   // le 0.005
  h.observe(0.003);
  h.observe(60);  // above every bound: only +Inf
  auto const text = registry.render();
  CHECK(contains(text, "# TYPE d_seconds histogram\n"));
  CHECK(contains(text, "d_seconds_bucket{function=\"f\",le=\"0.0005\"} 1\n"));
  CHECK(contains(text, "d_seconds_bucket{function=\"f\",le=\"0.0025\"} 1\n"));
  CHECK(contains(text, "d_seconds_bucket{function=\"f\",le=\"0.005\"} 3\n"));
  CHECK(contains(text, "d_seconds_bucket{function=\"f\",le=\"10\"} 3\n"));
  CHECK(contains(text, "d_seconds_bucket{function=\"f\",le=\"+Inf\"} 4\n"));
  CHECK(contains(text, "d_seconds_count{function=\"f\"} 4\n"));
  CHECK(contains(text, "d_seconds_sum{function=\"f\"} 60.0063"));
}

TEST_CASE("an observation exactly on a bound counts in that bucket", "[metrics]") {
  MetricsRegistry registry;
  registry.histogram("h", "help").observe(0.01);
  auto const text = registry.render();
  CHECK(contains(text, "h_bucket{le=\"0.005\"} 0\n"));
  CHECK(contains(text, "h_bucket{le=\"0.01\"} 1\n"));
}

TEST_CASE("label values and help text are escaped", "[metrics]") {
  MetricsRegistry registry;
  registry.counter("c", "line one\nback\\slash", {{"path", "a\"b\\c\nd"}}).add();
  auto const text = registry.render();
  CHECK(contains(text, "# HELP c line one\\nback\\\\slash\n"));
  CHECK(contains(text, "c{path=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST_CASE("registering one name with two types or an invalid name throws", "[metrics]") {
  MetricsRegistry registry;
  registry.counter("x_total", "help");
  CHECK_THROWS_AS(registry.gauge("x_total", "help"), std::logic_error);
  CHECK_THROWS_AS(registry.counter("bad-name", "help"), std::invalid_argument);
  CHECK_THROWS_AS(registry.counter("ok", "help", {{"bad label", "v"}}), std::invalid_argument);
}
