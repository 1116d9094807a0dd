// Migrations: files are read and checked before the database is touched, applied files are verified
// by checksum before any new one runs, and one named lock per schema serializes concurrent runners.
#include "migrations.h"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "kfn/errors.h"

namespace kfn::host {
namespace {

constexpr char const* kRuntimeTables[] = {
    "CREATE TABLE IF NOT EXISTS kfn_schema_migrations ("
    " version INT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, checksum CHAR(64) NOT NULL,"
    " applied_at DATETIME(3) NOT NULL) ENGINE=InnoDB",
    // headers: JSON array of [name, value] pairs, in record order
    "CREATE TABLE IF NOT EXISTS kfn_outbox ("
    " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, topic VARCHAR(249) NOT NULL,"
    " msg_key VARBINARY(1024) NOT NULL, value MEDIUMBLOB NOT NULL, headers TEXT NOT NULL,"
    " created_at DATETIME(3) NOT NULL, KEY kfn_outbox_created_at (created_at)) ENGINE=InnoDB",
    // Consumers insert an event's id in the transaction that applies it, so redelivery is a no-op.
    "CREATE TABLE IF NOT EXISTS kfn_processed_events ("
    " event_id VARCHAR(128) NOT NULL PRIMARY KEY, processed_at DATETIME(3) NOT NULL,"
    " KEY kfn_processed_events_at (processed_at)) ENGINE=InnoDB",
};

std::string sha256_hex(std::string const& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("sha256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0F];
  }
  return hex;
}

bool is_blank_or_comment(std::string_view statement) {
  std::istringstream lines{std::string(statement)};
  std::string line;
  while (std::getline(lines, line)) {
    auto const start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line.compare(start, 2, "--") == 0 || line[start] == '#') continue;
    return false;
  }
  return true;
}

// Held for the life of the object; released even when migrating fails.
class NamedLock {
 public:
  NamedLock(MysqlConnection& connection, std::string name) : connection_(connection), name_(std::move(name)) {
    auto const got = connection_.execute("SELECT GET_LOCK(?, 30)", {name_}).rows.at(0).opt_int64(0);
    if (got.value_or(0) != 1) throw Unavailable("mysql: another process holds " + name_ + " for too long");
  }
  ~NamedLock() {
    try {
      connection_.execute("SELECT RELEASE_LOCK(?)", {name_});
    } catch (...) {
      // A lost connection releases the lock anyway.
    }
  }
  NamedLock(NamedLock const&) = delete;
  NamedLock& operator=(NamedLock const&) = delete;

 private:
  MysqlConnection& connection_;
  std::string name_;
};

void apply(MysqlConnection& connection, MigrationFile const& file) {
  auto const statements = split_sql_statements(file.sql);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    try {
      connection.run(statements[i]);
    } catch (SqlError const& e) {
      throw MigrationError(file.name + ": statement " + std::to_string(i + 1) + ": " + e.what());
    }
  }
  connection.execute(
      "INSERT INTO kfn_schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, "
      "UTC_TIMESTAMP(3))",
      {std::int64_t{file.version}, file.name, file.checksum});
}

// Refuses to go on if an applied file changed: the schema would no longer be what the files say.
std::map<int, std::string> verify_applied(MysqlConnection& connection,
                                          std::vector<MigrationFile> const& files) {
  std::map<int, std::string> applied;
  for (auto const& row : connection.execute("SELECT version, checksum FROM kfn_schema_migrations").rows) {
    applied.emplace(static_cast<int>(row.int64(0)), row.str(1));
  }
  for (auto const& file : files) {
    auto const found = applied.find(file.version);
    if (found != applied.end() && found->second != file.checksum) {
      throw MigrationError(file.name + ": changed after it was applied (checksum " + found->second +
                           ", now " + file.checksum + "); add a new migration instead");
    }
  }
  return applied;
}

}  // namespace

bool is_valid_schema_name(std::string_view schema) {
  static std::regex const pattern("[a-z_][a-z0-9_]{0,39}");
  return std::regex_match(schema.begin(), schema.end(), pattern);
}

std::vector<MigrationFile> read_migration_files(std::filesystem::path const& dir) {
  std::vector<MigrationFile> files;
  if (dir.empty()) return files;
  if (!std::filesystem::is_directory(dir)) throw MigrationError(dir.string() + ": no such migrations folder");
  static std::regex const pattern("([0-9]+)_[A-Za-z0-9_.-]+\\.sql");
  for (auto const& entry : std::filesystem::directory_iterator(dir)) {
    auto const name = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    std::smatch match;
    if (!std::regex_match(name, match, pattern)) throw MigrationError(name + ": not named NNN_name.sql");
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    MigrationFile file{std::stoi(match[1].str()), name, contents.str(), {}};
    file.checksum = sha256_hex(file.sql);
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(), [](auto const& a, auto const& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].version == files[i - 1].version) {
      throw MigrationError(files[i - 1].name + " and " + files[i].name + " share a version");
    }
  }
  return files;
}

std::vector<std::string> split_sql_statements(std::string_view text) {
  std::vector<std::string> statements;
  std::string current;
  auto flush = [&] {
    if (!is_blank_or_comment(current)) statements.push_back(current);
    current.clear();
  };
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    start = end + 1;
    auto const last = line.find_last_not_of(" \t\r");
    if (last != std::string_view::npos && line[last] == ';') {
      current.append(line.substr(0, last));
      flush();
    } else {
      current.append(line);
      current += '\n';
    }
  }
  flush();
  return statements;
}

void migrate_schema(MysqlConnection& connection, std::string const& schema, std::filesystem::path const& dir,
                    Logger& log) {
  if (!is_valid_schema_name(schema)) throw std::invalid_argument("bad schema name '" + schema + "'");
  auto const files = read_migration_files(dir);
  NamedLock lock(connection, "kfn_migrate_" + schema);
  // The name was validated above, so splicing it is safe; identifiers cannot be bound as parameters.
  connection.run("CREATE DATABASE IF NOT EXISTS `" + schema +
                 "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
  connection.use_schema(schema);
  for (char const* table : kRuntimeTables) connection.run(table);
  auto const applied = verify_applied(connection, files);
  for (auto const& file : files) {
    if (applied.contains(file.version)) continue;
    apply(connection, file);
    log.info("migration applied", {{"schema", schema}, {"file", file.name}});
  }
}

}  // namespace kfn::host
