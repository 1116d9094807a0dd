#include "common/json_fields.h"

#include <algorithm>
#include <limits>

#include "common/utf8.h"

namespace common {
namespace {

using nlohmann::json;

json const* find_field(json const& body, std::string_view name) {
  if (!body.is_object()) return nullptr;
  auto const it = body.find(name);
  return it == body.end() ? nullptr : &*it;
}

std::optional<std::int64_t> as_positive_id(json const& value) {
  if (value.is_number_unsigned()) {
    auto const raw = value.get<std::uint64_t>();
    if (raw == 0 || raw > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(raw);
  }
  if (value.is_number_integer()) {
    auto const raw = value.get<std::int64_t>();
    if (raw > 0) return raw;
  }
  return std::nullopt;
}

// Reads a present, non-null field as a bounded string, reporting problems under `name`.
std::optional<std::string> read_text(json const& value, std::string_view name, TextBounds bounds,
                                     FieldErrors& errors) {
  if (!value.is_string()) {
    errors.add(name, "must be a string");
    return std::nullopt;
  }
  auto text = value.get<std::string>();
  if (auto problem = text_problem(text, bounds)) {
    errors.add(name, std::move(*problem));
    return std::nullopt;
  }
  return text;
}

}  // namespace

void FieldErrors::add(std::string_view field, std::string problem) {
  if (!has(field)) fields_.emplace(std::string(field), std::move(problem));
}

bool FieldErrors::has(std::string_view field) const {
  return fields_.find(std::string(field)) != fields_.end();
}

kfn::HttpResponse FieldErrors::response() const { return kfn::validation_error(fields_); }

std::optional<std::string> text_problem(std::string_view text, TextBounds bounds) {
  auto const length = utf8_length(text);
  if (!length) return "must be valid UTF-8 text";
  if (*length < bounds.min_length) {
    return bounds.min_length == 1 ? std::string("must not be empty")
                                  : "must be at least " + std::to_string(bounds.min_length) + " characters";
  }
  if (*length > bounds.max_length)
    return "must be at most " + std::to_string(bounds.max_length) + " characters";
  return std::nullopt;
}

std::optional<std::string> required_string(json const& body, std::string_view name, TextBounds bounds,
                                           FieldErrors& errors) {
  json const* value = find_field(body, name);
  if (value == nullptr || value->is_null()) {
    errors.add(name, "is required");
    return std::nullopt;
  }
  return read_text(*value, name, bounds, errors);
}

std::optional<std::string> optional_string(json const& body, std::string_view name, TextBounds bounds,
                                           FieldErrors& errors) {
  json const* value = find_field(body, name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  return read_text(*value, name, bounds, errors);
}

NullableUpdate nullable_string(json const& body, std::string_view name, TextBounds bounds,
                               FieldErrors& errors) {
  json const* value = find_field(body, name);
  if (value == nullptr) return {};
  if (value->is_null()) return {true, std::nullopt};
  auto text = read_text(*value, name, bounds, errors);
  // A rejected value leaves the field untouched; the caller answers 422 anyway.
  if (!text) return {};
  return {true, std::move(text)};
}

std::optional<std::int64_t> required_id(json const& body, std::string_view name, FieldErrors& errors) {
  json const* value = find_field(body, name);
  if (value == nullptr || value->is_null()) {
    errors.add(name, "is required");
    return std::nullopt;
  }
  auto id = as_positive_id(*value);
  if (!id) errors.add(name, "must be a positive integer");
  return id;
}

std::optional<std::int64_t> optional_id(json const& body, std::string_view name, FieldErrors& errors) {
  json const* value = find_field(body, name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  auto id = as_positive_id(*value);
  if (!id) errors.add(name, "must be a positive integer");
  return id;
}

std::optional<std::vector<std::int64_t>> required_id_list(json const& body, std::string_view name,
                                                          std::size_t max_items, FieldErrors& errors) {
  json const* value = find_field(body, name);
  if (value == nullptr || value->is_null()) {
    errors.add(name, "is required");
    return std::nullopt;
  }
  if (!value->is_array()) {
    errors.add(name, "must be a list of positive integers");
    return std::nullopt;
  }
  if (value->size() > max_items) {
    errors.add(name, "must have at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::int64_t> ids;
  for (json const& item : *value) {
    auto const id = as_positive_id(item);
    if (!id) {
      errors.add(name, "must be a list of positive integers");
      return std::nullopt;
    }
    if (std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
  }
  return ids;
}

std::optional<bool> optional_bool(json const& body, std::string_view name, FieldErrors& errors) {
  json const* value = find_field(body, name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_boolean()) {
    errors.add(name, "must be true or false");
    return std::nullopt;
  }
  return value->get<bool>();
}

}  // namespace common
