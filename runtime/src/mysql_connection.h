// One client connection to MySQL/MariaDB: TCP, utf8mb4, UTC session time zone, a default schema,
// and the server-side prepared statements it has made, cached by SQL text.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kfn/db.h"
#include "mysql_holders.h"
#include "mysql_statement.h"
#include "mysql_url.h"

namespace kfn::host {

struct MysqlSettings {
  MysqlUrl url;
  std::string schema;  // the default schema; empty for none
  std::chrono::seconds connect_timeout{3};
  // Bounds every wait for the server, so it must exceed the longest lock wait a statement may do.
  std::chrono::seconds read_timeout{60};
  std::chrono::seconds write_timeout{30};
  std::size_t statement_cache_size = 50;
};

// Not thread-safe: one user at a time (MysqlPool hands it out by lease).
// Errors: kfn::Unavailable when the server is lost (the connection is then broken() for good),
// kfn::SqlError when a statement is refused (the connection stays usable).
class MysqlConnection {
 public:
  explicit MysqlConnection(MysqlSettings const& settings);
  ~MysqlConnection();
  MysqlConnection(MysqlConnection const&) = delete;
  MysqlConnection& operator=(MysqlConnection const&) = delete;

  // Runs `sql` as a server-side prepared statement with `params` bound by position.
  SqlResult execute(std::string_view sql, SqlParams const& params = {});
  // Runs `sql` over the text protocol and discards any result: for BEGIN/COMMIT and DDL, which
  // gain nothing from preparing.
  void run(std::string_view sql);
  // Switches the default schema (the connection must have been opened without one).
  void use_schema(std::string const& schema);

  [[nodiscard]] bool broken() const { return broken_; }
  // True when the server closed the connection while it sat idle (killed, restarted, wait_timeout).
  [[nodiscard]] bool closed_by_server() const;
  [[nodiscard]] std::uint64_t server_thread_id() const;

 private:
  PreparedStatement& prepared(std::string_view sql);
  void forget(std::string_view sql);
  template <typename Work>
  auto guarded(Work&& work) -> decltype(work());

  using CacheOrder = std::list<std::string>;
  struct CachedStatement {
    std::unique_ptr<PreparedStatement> statement;
    CacheOrder::iterator position;
  };

  // Declared first so it is closed last, after every statement it owns.
  MysqlHandle mysql_;
  std::size_t cache_capacity_;
  CacheOrder recency_;                                                // front: most recently used SQL text
  std::unordered_map<std::string_view, CachedStatement> statements_;  // views into recency_
  bool broken_ = false;
};

}  // namespace kfn::host
