// Brings a schema up to date: creates it, then the runtime's own tables (outbox, processed events,
// migration log), then applies the context's files NNN_name.sql in order, each exactly once.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kfn/log.h"
#include "mysql_connection.h"

namespace kfn::host {

// A bad migrations folder, an applied file that changed, or a statement the server refused.
// what() names the file.
class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MigrationFile {
  int version = 0;
  std::string name;  // the file name
  std::string sql;
  std::string checksum;  // SHA-256 of the contents, hex
};

// [a-z_][a-z0-9_]*, at most 40 characters (MySQL named locks that carry it are limited to 64).
bool is_valid_schema_name(std::string_view schema);

// Every *.sql file of `dir`, ordered by version; an empty path means none. Throws MigrationError for
// a missing folder, a .sql file not named NNN_name.sql, or two files with one version.
std::vector<MigrationFile> read_migration_files(std::filesystem::path const& dir);

// Statements are separated by a ';' that ends a line. Comment-only pieces are dropped.
std::vector<std::string> split_sql_statements(std::string_view text);

// `connection` must have no default schema; afterwards its default schema is `schema`. Serializes
// with other processes through GET_LOCK. Throws MigrationError, kfn::Unavailable, std::invalid_argument
// for a bad schema name.
void migrate_schema(MysqlConnection& connection, std::string const& schema, std::filesystem::path const& dir,
                    Logger& log);

}  // namespace kfn::host
