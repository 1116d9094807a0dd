#include "migrations.h"

#include <catch2/catch.hpp>
#include <thread>

#include "services_test_support.h"

using namespace kfn::host;
using kfn::host::testing::MemoryLogger;
using kfn::host::testing::ScratchSchema;
using kfn::host::testing::TempDir;
using kfn::host::testing::test_mysql;

namespace {

constexpr char kFirst[] =
    "-- accounts and their emails\n"
    "CREATE TABLE accounts (\n  id BIGINT PRIMARY KEY,\n  email VARCHAR(254) NOT NULL\n);\n"
    "\n"
    "INSERT INTO accounts (id, email) VALUES (1, 'a;b@example.com');\n";

void migrate(std::string const& schema, TempDir const& dir) {
  MemoryLogger log;
  MysqlConnection connection(test_mysql());
  migrate_schema(connection, schema, dir.path(), log);
}

std::int64_t count(std::string const& schema, std::string const& table) {
  MysqlConnection connection(test_mysql(schema));
  return connection.execute("SELECT COUNT(*) FROM " + table).rows.at(0).int64(0);
}

}  // namespace

TEST_CASE("migrations applied twice change nothing the second time") {
  ScratchSchema schema("kfn_test_mig");
  TempDir dir;
  dir.write("001_accounts.sql", kFirst);
  migrate(schema.name(), dir);
  migrate(schema.name(), dir);
  CHECK(count(schema.name(), "accounts") == 1);
  CHECK(count(schema.name(), "kfn_schema_migrations") == 1);
  CHECK(count(schema.name(), "kfn_outbox") == 0);
  CHECK(count(schema.name(), "kfn_processed_events") == 0);
}

TEST_CASE("migrations apply a new file after the ones already applied") {
  ScratchSchema schema("kfn_test_mig");
  TempDir dir;
  dir.write("001_accounts.sql", kFirst);
  migrate(schema.name(), dir);
  dir.write("002_more.sql", "INSERT INTO accounts (id, email) VALUES (2, 'c@example.com');");
  dir.write("README.md", "not a migration");
  migrate(schema.name(), dir);
  CHECK(count(schema.name(), "accounts") == 2);
  MysqlConnection connection(test_mysql(schema.name()));
  auto const rows =
      connection.execute("SELECT version, name FROM kfn_schema_migrations ORDER BY version").rows;
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].int64(0) == 2);
  CHECK(rows[1].str(1) == "002_more.sql");
}

TEST_CASE("migrations refuse to run when an applied file changed") {
  ScratchSchema schema("kfn_test_mig");
  TempDir dir;
  dir.write("001_accounts.sql", kFirst);
  migrate(schema.name(), dir);
  dir.write("001_accounts.sql", std::string(kFirst) + "-- edited\n");
  dir.write("002_more.sql", "INSERT INTO accounts (id, email) VALUES (2, 'c@example.com');");
  CHECK_THROWS_WITH(migrate(schema.name(), dir),
                    Catch::Contains("001_accounts.sql") && Catch::Contains("changed"));
  CHECK(count(schema.name(), "accounts") == 1);  // 002 did not run either
}

TEST_CASE("migrations that fail name the file and are not recorded") {
  ScratchSchema schema("kfn_test_mig");
  TempDir dir;
  dir.write("001_broken.sql", "CREATE TABLE IF NOT EXISTS ok_table (id INT);\nCREATE TABLEX nope;\n");
  CHECK_THROWS_WITH(migrate(schema.name(), dir), Catch::Contains("001_broken.sql: statement 2"));
  CHECK_THROWS_AS(migrate(schema.name(), dir), MigrationError);  // still pending, fails the same way
  CHECK(count(schema.name(), "kfn_schema_migrations") == 0);
}

TEST_CASE("migrations run concurrently apply each file once") {
  ScratchSchema schema("kfn_test_mig");
  TempDir dir;
  dir.write("001_accounts.sql", kFirst);
  dir.write("002_more.sql", "INSERT INTO accounts (id, email) VALUES (2, 'c@example.com');");
  std::exception_ptr failures[2];
  std::thread runners[2];
  for (int i = 0; i < 2; ++i) {
    runners[i] = std::thread([&, i] {
      try {
        migrate(schema.name(), dir);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    });
  }
  for (auto& runner : runners) runner.join();
  CHECK_FALSE(failures[0]);
  CHECK_FALSE(failures[1]);
  CHECK(count(schema.name(), "accounts") == 2);
  CHECK(count(schema.name(), "kfn_schema_migrations") == 2);
}

TEST_CASE("migrations refuse schema names that are not plain identifiers") {
  TempDir dir;
  for (char const* bad : {"Users", "chat-1", "x`; DROP DATABASE mysql; --", "", "9lives"}) {
    INFO(bad);
    CHECK_THROWS_AS(migrate(bad, dir), std::invalid_argument);
  }
  CHECK(is_valid_schema_name("chat"));
  CHECK(is_valid_schema_name("_users_2"));
}

TEST_CASE("migration folders with misnamed or clashing files are refused") {
  TempDir misnamed;
  misnamed.write("init.sql", "SELECT 1;");
  CHECK_THROWS_AS(read_migration_files(misnamed.path()), MigrationError);
  TempDir clashing;
  clashing.write("001_a.sql", "SELECT 1;");
  clashing.write("1_b.sql", "SELECT 1;");
  CHECK_THROWS_WITH(read_migration_files(clashing.path()), Catch::Contains("share a version"));
  CHECK_THROWS_AS(read_migration_files("/nonexistent/kfn/migrations"), MigrationError);
}

TEST_CASE("sql files split at semicolons that end a line, dropping comment-only pieces") {
  auto const statements = split_sql_statements(
      "-- header\nCREATE TABLE a (x VARCHAR(10) DEFAULT ';');  \nINSERT INTO a VALUES ('1;2');\n-- "
      "trailing;\n");
  REQUIRE(statements.size() == 2);
  CHECK(statements[0] == "-- header\nCREATE TABLE a (x VARCHAR(10) DEFAULT ';')");
  CHECK(statements[1] == "INSERT INTO a VALUES ('1;2')");
  CHECK(split_sql_statements("SELECT 1").size() == 1);
  CHECK(split_sql_statements("  \n-- only\n").empty());
}
