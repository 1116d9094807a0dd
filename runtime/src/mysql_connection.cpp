// Connecting with the session settings kfn relies on, a bounded LRU of prepared statements, and the
// rule that any failure which leaves the session in doubt marks the connection broken.
#include "mysql_connection.h"

#include <mutex>
#include <new>
#include <stdexcept>

#include "idle_socket.h"
#include "mysql_errors.h"

namespace kfn::host {
namespace {

void init_client_library_once() {
  // mysql_init() would do this lazily, but not safely from several threads at once.
  static std::once_flag once;
  std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
}

void set_timeouts(MYSQL* mysql, MysqlSettings const& settings) {
  auto const seconds = [](std::chrono::seconds s) { return static_cast<unsigned>(s.count()); };
  unsigned const connect = seconds(settings.connect_timeout);
  unsigned const read = seconds(settings.read_timeout);
  unsigned const write = seconds(settings.write_timeout);
  mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect);
  mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &read);
  mysql_options(mysql, MYSQL_OPT_WRITE_TIMEOUT, &write);
}

constexpr unsigned kUnknownStatement = 1243;  // ER_UNKNOWN_STMT_HANDLER
constexpr unsigned kNeedReprepare = 1615;     // ER_NEED_REPREPARE

}  // namespace

MysqlConnection::MysqlConnection(MysqlSettings const& settings)
    : cache_capacity_(settings.statement_cache_size == 0 ? 1 : settings.statement_cache_size) {
  init_client_library_once();
  mysql_.reset(mysql_init(nullptr));
  if (!mysql_) throw std::bad_alloc();
  MYSQL* mysql = mysql_.get();
  set_timeouts(mysql, settings);
  // "localhost" would otherwise mean the Unix socket, which a container rarely has.
  unsigned const protocol = MYSQL_PROTOCOL_TCP;
  mysql_options(mysql, MYSQL_OPT_PROTOCOL, &protocol);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  my_bool const report_truncation = 1;
  mysql_options(mysql, MYSQL_REPORT_DATA_TRUNCATION, &report_truncation);
  // DATETIME columns are written and read as UTC text (kfn/time.h).
  mysql_options(mysql, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");

  auto const& url = settings.url;
  char const* password = url.password.empty() ? nullptr : url.password.c_str();
  char const* schema = settings.schema.empty() ? nullptr : settings.schema.c_str();
  if (mysql_real_connect(mysql, url.host.c_str(), url.user.c_str(), password, schema, url.port, nullptr, 0) ==
      nullptr) {
    raise_mysql_error(mysql_errno(mysql), "connecting to " + url.masked(), mysql_error(mysql));
  }
}

MysqlConnection::~MysqlConnection() = default;

template <typename Work>
auto MysqlConnection::guarded(Work&& work) -> decltype(work()) {
  if (broken_) throw Unavailable("mysql: connection is broken");
  try {
    return work();
  } catch (SqlError const&) {
    throw;  // refused, but the session is intact
  } catch (std::invalid_argument const&) {
    throw;  // caught before anything was sent
  } catch (...) {
    broken_ = true;
    throw;
  }
}

SqlResult MysqlConnection::execute(std::string_view sql, SqlParams const& params) {
  return guarded([&] {
    try {
      return prepared(sql).run(params);
    } catch (SqlError const& error) {
      // The server no longer knows the statement (it was dropped or must be re-prepared).
      if (error.code() == kUnknownStatement || error.code() == kNeedReprepare) forget(sql);
      throw;
    }
  });
}

void MysqlConnection::run(std::string_view sql) {
  guarded([&] {
    MYSQL* mysql = mysql_.get();
    if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) {
      raise_mysql_error(mysql_errno(mysql), "running", mysql_error(mysql));
    }
    // A statement that returns rows must have them read before the next one can run.
    MysqlResultHandle discarded(mysql_store_result(mysql));
    if (!discarded && mysql_field_count(mysql) != 0) {
      raise_mysql_error(mysql_errno(mysql), "reading result", mysql_error(mysql));
    }
  });
}

void MysqlConnection::use_schema(std::string const& schema) {
  guarded([&] {
    if (mysql_select_db(mysql_.get(), schema.c_str()) != 0) {
      raise_mysql_error(mysql_errno(mysql_.get()), "selecting schema", mysql_error(mysql_.get()));
    }
  });
}

bool MysqlConnection::closed_by_server() const {
  return broken_ || idle_socket_closed_by_peer(static_cast<int>(mysql_get_socket(mysql_.get())));
}

std::uint64_t MysqlConnection::server_thread_id() const { return mysql_thread_id(mysql_.get()); }

PreparedStatement& MysqlConnection::prepared(std::string_view sql) {
  if (auto found = statements_.find(sql); found != statements_.end()) {
    recency_.splice(recency_.begin(), recency_, found->second.position);
    return *found->second.statement;
  }
  // Prepare before touching the cache, so a statement the server refuses leaves no trace.
  auto statement = std::make_unique<PreparedStatement>(mysql_.get(), sql);
  if (statements_.size() >= cache_capacity_) {
    statements_.erase(std::string_view(recency_.back()));
    recency_.pop_back();
  }
  recency_.emplace_front(sql);
  auto& entry = statements_[std::string_view(recency_.front())];
  entry.statement = std::move(statement);
  entry.position = recency_.begin();
  return *entry.statement;
}

void MysqlConnection::forget(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) return;
  auto const position = found->second.position;
  statements_.erase(found);
  recency_.erase(position);
}

}  // namespace kfn::host
