#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"

using common::testing::FakeContext;

TEST_CASE("FakeRedis counts with INCR and keeps the TTL EXPIRE set", "[fakes]") {
  FakeContext ctx;
  CHECK(ctx.redis().command({"INCR", "k"}).integer == 1);
  CHECK(ctx.redis().command({"TTL", "k"}).integer == -1);
  CHECK(ctx.redis().command({"EXPIRE", "k", "60"}).integer == 1);
  auto const replies = ctx.redis().pipeline({{"INCR", "k"}, {"TTL", "k"}, {"GET", "missing"}});
  CHECK(replies[0].integer == 2);
  CHECK(replies[1].integer == 60);
  CHECK(replies[2].is_nil());
}

TEST_CASE("ScriptedDatabase answers in order and publishes only committed events", "[fakes]") {
  FakeContext ctx;
  ctx.database.answer_rows({common::testing::make_row({"id"}, {std::int64_t{5}})});
  ctx.database.answer_error(1062);
  CHECK(ctx.db().execute("SELECT 1", {}).rows.at(0).int64(0) == 5);
  {
    auto tx = ctx.db().begin();
    CHECK_THROWS_AS(tx->execute("INSERT", {}), kfn::SqlError);
    tx->publish({"t", "k", "Rolled", {}});
  }
  {
    auto tx = ctx.db().begin();
    tx->publish({"t", "k", "Kept", {}});
    tx->commit();
  }
  CHECK(ctx.database.rollbacks == 1);
  CHECK(ctx.database.commits == 1);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "Kept");
  CHECK(ctx.database.statements.size() == 2);
}
