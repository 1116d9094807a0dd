#include "lib/processed_lookup.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "kfn/errors.h"

using common::testing::FakeContext;
using common::testing::make_row;

TEST_CASE("a batch of lookups is one read, and each event learns its own answer", "[push]") {
  FakeContext ctx;
  std::string const ids[] = {"e1", "e2", "e3", "e4"};
  notify::PendingLookup lookups[4] = {{&ids[0]}, {&ids[1]}, {&ids[2]}, {&ids[3]}};
  notify::PendingLookup* batch[] = {&lookups[0], &lookups[1], &lookups[2], &lookups[3]};
  ctx.database.answer_rows(
      {make_row({"event_id"}, {std::string("e3")}), make_row({"event_id"}, {std::string("e1")})});

  notify::look_up_processed(ctx, batch);

  REQUIRE(ctx.database.statements.size() == 1);
  auto const& read = ctx.database.statements[0];
  CHECK(read.sql.find("FROM kfn_processed_events WHERE event_id IN (?, ?, ?, ?)") != std::string::npos);
  CHECK_FALSE(read.in_transaction);
  for (std::size_t i = 0; i < 4; ++i) CHECK(std::get<std::string>(read.params.at(i)) == ids[i]);
  CHECK(lookups[0].processed);
  CHECK_FALSE(lookups[1].processed);
  CHECK(lookups[2].processed);
  CHECK_FALSE(lookups[3].processed);
}

TEST_CASE("a lone lookup runs at once and passes the database's error on", "[push]") {
  FakeContext ctx;
  notify::ProcessedLookups lookups(&notify::look_up_processed);
  ctx.database.answer_rows({make_row({"event_id"}, {std::string("e1")})});
  CHECK(notify::already_processed(ctx, lookups, "e1"));
  CHECK_FALSE(notify::already_processed(ctx, lookups, "e2"));  // unscripted: no rows
  CHECK(ctx.database.statements.size() == 2);

  ctx.database.answer_error(1205);  // lock wait timeout: the read failed
  CHECK_THROWS_AS(notify::already_processed(ctx, lookups, "e3"), kfn::SqlError);
}
