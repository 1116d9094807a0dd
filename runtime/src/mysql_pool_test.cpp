#include "mysql_pool.h"

#include <catch2/catch.hpp>

#include "invocation_context.h"
#include "kfn/errors.h"
#include "kfn/processed_events.h"
#include "migrations.h"
#include "schema_database.h"
#include "services_test_support.h"

using namespace kfn::host;
using kfn::host::testing::eventually;
using kfn::host::testing::MemoryLogger;
using kfn::host::testing::ScratchSchema;
using kfn::host::testing::test_mysql;

namespace {

constexpr char kTable[] =
    "CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, i BIGINT NULL, d DOUBLE NULL, s MEDIUMTEXT NULL,"
    " b MEDIUMBLOB NULL, u BIGINT UNSIGNED NULL, dt DATETIME(3) NULL, amount DECIMAL(10,2) NULL,"
    " tiny TINYINT NULL, f FLOAT NULL, email VARCHAR(100) NULL, UNIQUE KEY (email))";

bool connection_gone(MysqlConnection& admin, std::uint64_t id) {
  auto const rows = admin
                        .execute("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?",
                                 {static_cast<std::int64_t>(id)})
                        .rows;
  return rows.at(0).int64(0) == 0;
}

}  // namespace

TEST_CASE("mysql parameters of every type round-trip, NULL, unicode and 64 KiB strings included") {
  ScratchSchema schema("kfn_test_pool");
  MysqlPool pool(test_mysql(schema.name()), 2);
  auto lease = pool.acquire();
  lease->run(kTable);

  std::string const unicode = "h\xC3\xA9llo \xF0\x9F\x8C\x8D \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4";
  std::string big(64 * 1024, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  std::string binary("\x00\x01\xFF\x7F zero", 9);
  auto const inserted = lease->execute("INSERT INTO t (i, d, s, b, email) VALUES (?, ?, ?, ?, ?)",
                                       {std::int64_t{-9'000'000'000'000}, 2.5, unicode, binary, nullptr});
  CHECK(inserted.affected_rows == 1);
  CHECK(inserted.insert_id > 0);
  lease->execute("INSERT INTO t (s) VALUES (?)", {big});

  auto const rows = lease->execute("SELECT i, d, s, b, email FROM t ORDER BY id").rows;
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].int64(0) == -9'000'000'000'000);
  CHECK(rows[0].real(1) == 2.5);
  CHECK(rows[0].str(2) == unicode);
  CHECK(rows[0].str(3) == binary);
  CHECK(rows[0].is_null(4));
  CHECK(rows[0].index("email") == 4);
  CHECK(rows[1].str(2) == big);
  CHECK(rows[1].is_null(0));
}

TEST_CASE("mysql columns read as int64, double or text by their type") {
  ScratchSchema schema("kfn_test_pool");
  MysqlPool pool(test_mysql(schema.name()), 1);
  auto lease = pool.acquire();
  lease->run(kTable);
  lease->execute(
      "INSERT INTO t (u, dt, amount, tiny, f) VALUES (18446744073709551615, '2026-11-21 12:00:00.123', "
      "12.50, -7, 1.5)");
  auto const row =
      lease->execute("SELECT u, dt, amount, tiny, f, NOW() IS NOT NULL AS flag FROM t").rows.at(0);
  CHECK(row.str(0) == "18446744073709551615");  // beyond int64: exact text
  CHECK(row.str(1) == "2026-11-21 12:00:00.123");
  CHECK(row.str(2) == "12.50");
  CHECK(row.int64(3) == -7);
  CHECK(row.real(4) == 1.5);
  CHECK(row.int64(5) == 1);
}

TEST_CASE("mysql session runs in UTC") {
  MysqlPool pool(test_mysql(), 1);
  CHECK(pool.acquire()->execute("SELECT @@session.time_zone").rows.at(0).str(0) == "+00:00");
}

TEST_CASE("mysql duplicate key is a SqlError that says so, and the connection stays usable") {
  ScratchSchema schema("kfn_test_pool");
  MysqlPool pool(test_mysql(schema.name()), 1);
  auto lease = pool.acquire();
  lease->run(kTable);
  lease->execute("INSERT INTO t (email) VALUES (?)", {std::string("a@example.com")});
  try {
    lease->execute("INSERT INTO t (email) VALUES (?)", {std::string("a@example.com")});
    FAIL("duplicate accepted");
  } catch (kfn::SqlError const& e) {
    CHECK(e.duplicate_key());
  }
  CHECK_THROWS_AS(lease->execute("SELEC nonsense"), kfn::SqlError);
  CHECK_THROWS_AS(lease->execute("SELECT ?", {}), std::invalid_argument);
  CHECK_FALSE(lease->broken());
  CHECK(lease->execute("SELECT COUNT(*) FROM t").rows.at(0).int64(0) == 1);
}

TEST_CASE("mysql statements keep working when the statement cache evicts") {
  auto settings = test_mysql();
  settings.statement_cache_size = 2;
  MysqlConnection connection(settings);
  for (int round = 0; round < 3; ++round) {
    for (std::int64_t n = 0; n < 5; ++n) {
      auto const sql = "SELECT ? + " + std::to_string(n);
      CHECK(connection.execute(sql, {std::int64_t{10}}).rows.at(0).int64(0) == 10 + n);
    }
  }
}

TEST_CASE("mysql transaction that is not committed rolls back when destroyed") {
  ScratchSchema schema("kfn_test_pool");
  MysqlPool pool(test_mysql(schema.name()), 2);
  pool.acquire()->run(kTable);
  MysqlSchemaDatabase database(pool, nullptr);
  {
    auto transaction = database.begin({"test-fn", ""});
    transaction->execute("INSERT INTO t (email) VALUES (?)", {std::string("gone@example.com")});
  }
  {
    auto transaction = database.begin({"test-fn", ""});
    transaction->execute("INSERT INTO t (email) VALUES (?)", {std::string("kept@example.com")});
    transaction->commit();
    CHECK_THROWS_AS(transaction->commit(), std::logic_error);
  }
  auto const rows = database.execute("SELECT email FROM t", {}).rows;
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].str(0) == "kept@example.com");
}

namespace {

// kfn_processed_events and the runtime's other tables, as the runner's migration makes them.
void create_runtime_tables(std::string const& schema) {
  MemoryLogger log;
  MysqlConnection admin(test_mysql());
  migrate_schema(admin, schema, {}, log);
}

}  // namespace

TEST_CASE("first_deliveries records a batch of event ids at once and counts out those seen before") {
  ScratchSchema schema("kfn_test_pool");
  create_runtime_tables(schema.name());
  MysqlPool pool(test_mysql(schema.name()), 2);
  MysqlSchemaDatabase database(pool, nullptr);
  std::vector<std::string> const first{"e1", "e2", "e3"};
  {
    auto transaction = database.begin({"test-fn", ""});
    CHECK(kfn::first_deliveries(*transaction, first) == 3);
    transaction->commit();
  }
  std::vector<std::string> const again{"e3", "e4"};  // e3 is a redelivery
  {
    auto transaction = database.begin({"test-fn", ""});
    CHECK(kfn::first_deliveries(*transaction, again) == 1);
  }  // rolled back: e4 stays unrecorded
  auto transaction = database.begin({"test-fn", ""});
  CHECK(transaction->first_delivery("e4"));
  CHECK_FALSE(transaction->first_delivery("e2"));
}

TEST_CASE("already_processed sees only ids a committed transaction recorded") {
  ScratchSchema schema("kfn_test_pool");
  create_runtime_tables(schema.name());
  MysqlPool pool(test_mysql(schema.name()), 2);
  MysqlSchemaDatabase schema_database(pool, nullptr);
  InvocationDatabase database(&schema_database, {"test-fn", ""});
  {
    auto transaction = database.begin();
    CHECK(transaction->first_delivery("kept"));
    transaction->commit();
  }
  {
    auto transaction = database.begin();
    CHECK(transaction->first_delivery("rolled-back"));
  }
  CHECK(kfn::already_processed(database, "kept"));
  CHECK_FALSE(kfn::already_processed(database, "rolled-back"));
  CHECK_FALSE(kfn::already_processed(database, "never-seen"));
}

TEST_CASE("already_processed for many ids answers each, across statements, in the order asked") {
  ScratchSchema schema("kfn_test_pool");
  create_runtime_tables(schema.name());
  MysqlPool pool(test_mysql(schema.name()), 2);
  MysqlSchemaDatabase schema_database(pool, nullptr);
  InvocationDatabase database(&schema_database, {"test-fn", ""});
  // 45 ids take chunks of 32, 8, 4 and 1; every third one is recorded, the last one included.
  std::vector<std::string> ids;
  std::vector<std::string> recorded;
  for (int i = 0; i < 45; ++i) {
    ids.push_back("event-" + std::to_string(i));
    if (i % 3 == 2) recorded.push_back(ids.back());
  }
  {
    auto transaction = database.begin();
    CHECK(kfn::first_deliveries(*transaction, recorded) == recorded.size());
    transaction->commit();
  }
  auto const seen = kfn::already_processed(database, std::span<std::string const>(ids));
  REQUIRE(seen.size() == ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    INFO(ids[i]);
    CHECK(seen[i] == (i % 3 == 2));
  }
  CHECK(kfn::already_processed(database, std::span<std::string const>()).empty());
}

TEST_CASE("mysql pool replaces an idle connection the server killed") {
  MysqlPool pool(test_mysql(), 2);
  std::uint64_t victim = 0;
  {
    auto lease = pool.acquire();
    victim = lease->server_thread_id();
  }
  MysqlConnection admin(test_mysql());
  admin.run("KILL CONNECTION " + std::to_string(victim));
  REQUIRE(eventually([&] { return connection_gone(admin, victim); }));

  auto lease = pool.acquire();
  CHECK(lease->server_thread_id() != victim);
  CHECK(lease->execute("SELECT 1").rows.at(0).int64(0) == 1);
  CHECK(pool.stats().open == 1);
}

TEST_CASE("mysql connection killed while leased throws Unavailable, then the pool recovers") {
  MysqlPool pool(test_mysql(), 1);
  MysqlConnection admin(test_mysql());
  {
    auto lease = pool.acquire();
    auto const victim = lease->server_thread_id();
    admin.run("KILL CONNECTION " + std::to_string(victim));
    REQUIRE(eventually([&] { return connection_gone(admin, victim); }));
    CHECK_THROWS_AS(lease->execute("SELECT 1"), kfn::Unavailable);
    CHECK(lease->broken());
  }
  CHECK(pool.stats().open == 0);
  CHECK(pool.acquire()->execute("SELECT 1").rows.at(0).int64(0) == 1);
}

TEST_CASE("mysql pool with every connection leased throws Unavailable after its wait") {
  MysqlPool pool(test_mysql(), 1, std::chrono::milliseconds(50));
  auto held = pool.acquire();
  CHECK_THROWS_AS(pool.acquire(), kfn::Unavailable);
}

TEST_CASE("mysql server that cannot be reached makes acquire throw Unavailable") {
  auto settings = test_mysql();
  settings.url.host = "127.0.0.1";
  settings.url.port = 1;  // nothing listens there
  MysqlPool pool(settings, 1);
  CHECK_THROWS_AS(pool.acquire(), kfn::Unavailable);
  CHECK(pool.stats().open == 0);
}
