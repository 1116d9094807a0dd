// The MariaDB client's handles, each owned by a unique_ptr with its release function. Declared once,
// so no handle is ever closed by hand.
#pragma once

#include <mysql.h>

#include <memory>

namespace kfn::host {

struct MysqlCloser {
  void operator()(MYSQL* mysql) const { mysql_close(mysql); }
};
struct MysqlStatementCloser {
  void operator()(MYSQL_STMT* statement) const { mysql_stmt_close(statement); }
};
struct MysqlResultFreer {
  void operator()(MYSQL_RES* result) const { mysql_free_result(result); }
};

using MysqlHandle = std::unique_ptr<MYSQL, MysqlCloser>;
using MysqlStatementHandle = std::unique_ptr<MYSQL_STMT, MysqlStatementCloser>;
using MysqlResultHandle = std::unique_ptr<MYSQL_RES, MysqlResultFreer>;

}  // namespace kfn::host
