#include "lib/request_json.h"

#include <catch2/catch.hpp>

using nlohmann::json;

TEST_CASE("an answer is accepted or rejected, anything else is 422 naming status", "[request_json]") {
  auto accept = social::parse_answer(json{{"status", "accepted"}});
  REQUIRE(accept.ok());
  CHECK(accept.value() == social::Answer::kAccept);
  auto reject = social::parse_answer(json{{"status", "rejected"}});
  REQUIRE(reject.ok());
  CHECK(reject.value() == social::Answer::kReject);

  for (json const& bad :
       {json{{"status", "pending"}}, json{{"status", "ACCEPTED"}}, json{{"status", 1}}, json::object()}) {
    auto answer = social::parse_answer(bad);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.response().status == 422);
    auto const error = json::parse(answer.response().body)["error"];
    CHECK(error["code"] == "validation_failed");
    CHECK(error["fields"].contains("status"));
  }
}

TEST_CASE("request and answer bodies have API.md's fields", "[request_json]") {
  auto const request = social::request_json(1, 2, "pending", "2026-11-21T12:00:00.000Z");
  CHECK(request == json{{"requester_id", 1},
                        {"target_user_id", 2},
                        {"status", "pending"},
                        {"created_at", "2026-11-21T12:00:00.000Z"}});
  CHECK(social::answer_json(3, 4, social::Answer::kReject) ==
        json{{"requester_id", 3}, {"target_user_id", 4}, {"status", "rejected"}});
}
