// Binary-protocol binding and fetching. Long text columns are read in two steps: a fixed buffer for
// the common short value, mysql_stmt_fetch_column for whatever did not fit.
#include "mysql_statement.h"

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "mysql_errors.h"

namespace kfn::host {
namespace {

constexpr unsigned long kInlineTextBytes = 1024;

enum class ColumnKind { kSigned, kUnsigned, kReal, kText };

ColumnKind kind_of(MYSQL_FIELD const& field) {
  switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
      return (field.flags & UNSIGNED_FLAG) != 0 ? ColumnKind::kUnsigned : ColumnKind::kSigned;
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
      return ColumnKind::kReal;
    default:
      return ColumnKind::kText;
  }
}

// Where one column of the current row lands. MYSQL_BIND points into it, so it must not move.
struct ColumnBuffer {
  ColumnKind kind = ColumnKind::kText;
  std::int64_t integer = 0;
  double real = 0;
  std::vector<char> text;
  unsigned long length = 0;
  my_bool is_null = 0;
  my_bool truncated = 0;
};

MYSQL_BIND result_bind(ColumnBuffer& column) {
  MYSQL_BIND bind{};
  bind.is_null = &column.is_null;
  bind.length = &column.length;
  bind.error = &column.truncated;
  switch (column.kind) {
    case ColumnKind::kSigned:
    case ColumnKind::kUnsigned:
      bind.buffer_type = MYSQL_TYPE_LONGLONG;
      bind.buffer = &column.integer;
      bind.is_unsigned = column.kind == ColumnKind::kUnsigned ? 1 : 0;
      break;
    case ColumnKind::kReal:
      bind.buffer_type = MYSQL_TYPE_DOUBLE;
      bind.buffer = &column.real;
      break;
    case ColumnKind::kText:
      column.text.resize(kInlineTextBytes);
      bind.buffer_type = MYSQL_TYPE_STRING;
      bind.buffer = column.text.data();
      bind.buffer_length = kInlineTextBytes;
      break;
  }
  return bind;
}

SqlValue unsigned_value(std::int64_t stored) {
  auto const value = static_cast<std::uint64_t>(stored);
  // Beyond int64 there is no SqlValue integer; text keeps it exact.
  if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return std::to_string(value);
  return static_cast<std::int64_t>(value);
}

}  // namespace

PreparedStatement::PreparedStatement(MYSQL* mysql, std::string_view sql)
    : statement_(mysql_stmt_init(mysql)) {
  if (!statement_) raise_mysql_error(mysql_errno(mysql), "preparing", mysql_error(mysql));
  my_bool const update_max_length = 0;
  mysql_stmt_attr_set(statement_.get(), STMT_ATTR_UPDATE_MAX_LENGTH, &update_max_length);
  if (mysql_stmt_prepare(statement_.get(), sql.data(), sql.size()) != 0) raise("preparing");
}

void PreparedStatement::raise(std::string_view doing) const {
  raise_mysql_error(mysql_stmt_errno(statement_.get()), doing, mysql_stmt_error(statement_.get()));
}

SqlResult PreparedStatement::run(SqlParams const& params) {
  bind_params(params);
  if (mysql_stmt_execute(statement_.get()) != 0) raise("executing");
  MysqlResultHandle metadata(mysql_stmt_result_metadata(statement_.get()));
  if (!metadata) {
    if (mysql_stmt_field_count(statement_.get()) != 0) raise("reading result metadata");
    SqlResult result;
    result.affected_rows = mysql_stmt_affected_rows(statement_.get());
    result.insert_id = mysql_stmt_insert_id(statement_.get());
    return result;
  }
  try {
    return read_rows(metadata.get());
  } catch (...) {
    // Leaves the connection ready for the next statement instead of mid-result.
    mysql_stmt_free_result(statement_.get());
    throw;
  }
}

void PreparedStatement::bind_params(SqlParams const& params) {
  auto const expected = mysql_stmt_param_count(statement_.get());
  if (params.size() != expected) {
    throw std::invalid_argument("mysql: statement has " + std::to_string(expected) + " placeholders but " +
                                std::to_string(params.size()) + " parameters were given");
  }
  if (expected == 0) return;
  std::vector<MYSQL_BIND> binds(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    auto& bind = binds[i];
    auto const& param = params[i];
    // The client only reads input buffers; MYSQL_BIND just lacks const.
    if (auto const* integer = std::get_if<std::int64_t>(&param)) {
      bind.buffer_type = MYSQL_TYPE_LONGLONG;
      bind.buffer = const_cast<std::int64_t*>(integer);
    } else if (auto const* real = std::get_if<double>(&param)) {
      bind.buffer_type = MYSQL_TYPE_DOUBLE;
      bind.buffer = const_cast<double*>(real);
    } else if (auto const* text = std::get_if<std::string>(&param)) {
      bind.buffer_type = MYSQL_TYPE_STRING;
      bind.buffer = const_cast<char*>(text->data());
      bind.buffer_length = text->size();
    } else {
      bind.buffer_type = MYSQL_TYPE_NULL;
    }
  }
  // The values are copied into the packet by mysql_stmt_execute, which runs before `binds` dies.
  if (mysql_stmt_bind_param(statement_.get(), binds.data()) != 0) raise("binding parameters");
}

SqlResult PreparedStatement::read_rows(MYSQL_RES* metadata) {
  auto* statement = statement_.get();
  unsigned const count = mysql_num_fields(metadata);
  MYSQL_FIELD const* fields = mysql_fetch_fields(metadata);
  auto names = std::make_shared<std::vector<std::string>>();
  std::vector<ColumnBuffer> columns(count);
  std::vector<MYSQL_BIND> binds(count);
  for (unsigned i = 0; i < count; ++i) {
    names->emplace_back(fields[i].name, fields[i].name_length);
    columns[i].kind = kind_of(fields[i]);
    binds[i] = result_bind(columns[i]);
  }
  if (mysql_stmt_bind_result(statement, binds.data()) != 0) raise("binding results");
  std::shared_ptr<std::vector<std::string> const> shared_names = std::move(names);

  SqlResult result;
  for (;;) {
    int const status = mysql_stmt_fetch(statement);
    if (status == MYSQL_NO_DATA) break;
    if (status == 1) raise("fetching");
    std::vector<SqlValue> values;
    values.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
      auto& column = columns[i];
      if (column.is_null != 0) {
        values.emplace_back(nullptr);
      } else if (column.kind == ColumnKind::kSigned) {
        values.emplace_back(column.integer);
      } else if (column.kind == ColumnKind::kUnsigned) {
        values.push_back(unsigned_value(column.integer));
      } else if (column.kind == ColumnKind::kReal) {
        values.emplace_back(column.real);
      } else if (column.length <= kInlineTextBytes) {
        values.emplace_back(std::string(column.text.data(), column.length));
      } else {
        // Truncated: `length` holds the full size; read the whole value straight into the string.
        std::string whole(column.length, '\0');
        MYSQL_BIND bind{};
        bind.buffer_type = MYSQL_TYPE_STRING;
        bind.buffer = whole.data();
        bind.buffer_length = whole.size();
        if (mysql_stmt_fetch_column(statement, &bind, i, 0) != 0) raise("fetching a long column");
        values.emplace_back(std::move(whole));
      }
    }
    result.rows.emplace_back(shared_names, std::move(values));
  }
  mysql_stmt_free_result(statement);
  result.affected_rows = result.rows.size();
  return result;
}

}  // namespace kfn::host
