// Typed access to one result row's values, by position or by column name.
#include <stdexcept>

#include "kfn/db.h"

namespace kfn {

bool Row::is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }

std::int64_t Row::int64(std::size_t i) const { return std::get<std::int64_t>(values_.at(i)); }

double Row::real(std::size_t i) const {
  auto const& value = values_.at(i);
  // A column the server reports as integral still reads fine as a double.
  if (auto const* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  return std::get<double>(value);
}

std::string const& Row::str(std::size_t i) const { return std::get<std::string>(values_.at(i)); }

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

std::optional<std::string> Row::opt_str(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

std::size_t Row::index(std::string_view column) const {
  if (columns_) {
    for (std::size_t i = 0; i < columns_->size(); ++i) {
      if ((*columns_)[i] == column) return i;
    }
  }
  throw std::out_of_range("no column named " + std::string(column));
}

}  // namespace kfn
