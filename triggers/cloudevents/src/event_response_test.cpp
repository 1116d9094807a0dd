#include "event_response.h"

#include <catch2/catch.hpp>

namespace kfn::cloudevents {
namespace {

TEST_CASE("outcomes map to the statuses KafkaSource's dispatcher acts on") {
  CHECK(response_for(kfn::EventResult::done()).status == 200);
  auto retry = response_for(kfn::EventResult::retry("mysql: connection refused"));
  CHECK(retry.status == 503);
  CHECK(retry.headers.get("Retry-After") == "1");
  CHECK(retry.body.find("mysql") == std::string::npos);  // internal detail stays in the log
  auto permanent = response_for(kfn::EventResult::permanent("bad payload"));
  CHECK(permanent.status == 422);
}

TEST_CASE("a malformed event is a 400 with the API's JSON error body") {
  auto response = malformed_event("missing ce-id header");
  CHECK(response.status == 400);
  auto body = nlohmann::json::parse(response.body);
  CHECK(body["error"]["code"] == "invalid_cloudevent");
  CHECK(body["error"]["message"] == "missing ce-id header");
}

}  // namespace
}  // namespace kfn::cloudevents
