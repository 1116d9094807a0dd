#include "lib/users_projection.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using chat::testing::affected;
using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::CloudEvent event(std::string type, json data) {
  kfn::CloudEvent e;
  e.id = "evt-9";
  e.type = std::move(type);
  data["occurred_at"] = "2026-11-21T11:00:00.000Z";
  e.data = data.dump();
  return e;
}

}  // namespace

TEST_CASE("UserRegistered upserts the public profile with its occurred_at", "[users-projection]") {
  FakeContext ctx;
  ctx.database.answer(affected(1));
  auto const result = chat::handle_user_event(
      event("UserRegistered",
            {{"user_id", 7}, {"email", "a@b.c"}, {"username", "ann"}, {"display_name", "Ann"}}),
      ctx);
  CHECK(result.outcome == kfn::Outcome::kDone);
  auto const& upsert = ctx.database.statements.at(1);
  CHECK(upsert.sql.rfind("INSERT INTO users", 0) == 0);
  CHECK(std::get<std::string>(upsert.params.at(1)) == "ann");
  CHECK(std::get<std::string>(upsert.params.at(3)) == "2026-11-21 11:00:00.000");
  for (auto const& param : upsert.params) {
    if (auto const* text = std::get_if<std::string>(&param)) CHECK(*text != "a@b.c");  // emails stay private
  }
  CHECK(ctx.database.commits == 1);
}

TEST_CASE("UserProfileUpdated upserts display name, status and avatar", "[users-projection]") {
  FakeContext ctx;
  ctx.database.answer(affected(1));
  auto const result = chat::handle_user_event(
      event("UserProfileUpdated",
            {{"user_id", 7}, {"display_name", "Ann B"}, {"status_message", "hi"}, {"avatar_url", nullptr}}),
      ctx);
  CHECK(result.outcome == kfn::Outcome::kDone);
  auto const& upsert = ctx.database.statements.at(1);
  CHECK(std::get<std::string>(upsert.params.at(1)) == "Ann B");
  CHECK(std::get<std::string>(upsert.params.at(2)) == "hi");
  CHECK(std::holds_alternative<std::nullptr_t>(upsert.params.at(3)));
}

TEST_CASE("a redelivered user event changes nothing; a malformed one is permanent", "[users-projection]") {
  FakeContext ctx;
  ctx.database.answer(affected(0));
  auto const registered =
      event("UserRegistered", {{"user_id", 7}, {"username", "ann"}, {"display_name", "Ann"}});
  CHECK(chat::handle_user_event(registered, ctx).outcome == kfn::Outcome::kDone);
  CHECK(ctx.database.statements.size() == 1);
  CHECK(chat::handle_user_event(event("UserRegistered", {{"user_id", 7}}), ctx).outcome ==
        kfn::Outcome::kPermanent);
  CHECK(chat::handle_user_event(event("Other", {}), ctx).outcome == kfn::Outcome::kDone);
}
