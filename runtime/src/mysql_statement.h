// One server-side prepared statement: binds kfn::SqlParams by position and reads result rows into
// kfn::Row (integers as int64, FLOAT/DOUBLE as double, everything else as text, NULL as nullptr).
#pragma once

#include <string_view>

#include "kfn/db.h"
#include "mysql_holders.h"

namespace kfn::host {

// Not thread-safe; lives inside the MysqlConnection that prepared it and dies before it.
// Throws kfn::Unavailable / kfn::SqlError (see mysql_errors.h), std::invalid_argument when the
// number of parameters does not match the placeholders.
class PreparedStatement {
 public:
  PreparedStatement(MYSQL* mysql, std::string_view sql);
  SqlResult run(SqlParams const& params);

 private:
  void bind_params(SqlParams const& params);
  SqlResult read_rows(MYSQL_RES* metadata);
  [[noreturn]] void raise(std::string_view doing) const;

  MysqlStatementHandle statement_;
};

}  // namespace kfn::host
