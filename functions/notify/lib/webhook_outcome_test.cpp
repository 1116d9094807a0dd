#include "lib/webhook_outcome.h"

#include <catch2/catch.hpp>

using kfn::Outcome;

TEST_CASE("webhook answers: 2xx done, 5xx and 429 and silence retried, the rest dead-lettered", "[webhook]") {
  CHECK(notify::classify_webhook_result({200, ""}).outcome == Outcome::kDone);
  CHECK(notify::classify_webhook_result({204, ""}).outcome == Outcome::kDone);
  CHECK(notify::classify_webhook_result({503, ""}).outcome == Outcome::kRetry);
  CHECK(notify::classify_webhook_result({500, ""}).outcome == Outcome::kRetry);
  CHECK(notify::classify_webhook_result({429, ""}).outcome == Outcome::kRetry);
  auto const refused = notify::classify_webhook_result({0, "connection refused"});
  CHECK(refused.outcome == Outcome::kRetry);
  CHECK(refused.reason.find("connection refused") != std::string::npos);
  CHECK(notify::classify_webhook_result({400, ""}).outcome == Outcome::kPermanent);
  CHECK(notify::classify_webhook_result({404, ""}).reason == "webhook answered 404");
  CHECK(notify::classify_webhook_result({301, ""}).outcome == Outcome::kPermanent);
  CHECK(notify::classify_webhook_result({101, ""}).outcome == Outcome::kPermanent);
}
