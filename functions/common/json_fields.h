// Strict readers for fields of a JSON request body. Each reader checks type and bounds and, on a
// problem, records it in FieldErrors, which becomes API.md's 422 `validation_failed` body.
//   common::FieldErrors errors;
//   auto name = common::required_string(body, "name", {1, 50}, errors);
//   if (!errors.empty()) return errors.response();
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kfn/http.h"

namespace common {

// Field name -> what is wrong with it. The first problem found for a field is the one reported.
class FieldErrors {
 public:
  void add(std::string_view field, std::string problem);
  [[nodiscard]] bool empty() const { return fields_.empty(); }
  [[nodiscard]] bool has(std::string_view field) const;
  [[nodiscard]] std::map<std::string, std::string> const& fields() const { return fields_; }
  // 422 validation_failed with these fields.
  [[nodiscard]] kfn::HttpResponse response() const;

 private:
  std::map<std::string, std::string> fields_;
};

// Length bounds in characters (Unicode code points), both inclusive.
struct TextBounds {
  std::size_t min_length = 0;
  std::size_t max_length = 0;
};

// Checks bounds only (no JSON involved); the problem text, or nullopt when `text` fits.
std::optional<std::string> text_problem(std::string_view text, TextBounds bounds);

// A string that must be present.
std::optional<std::string> required_string(nlohmann::json const& body, std::string_view name,
                                           TextBounds bounds, FieldErrors& errors);
// A string that may be absent or null (both give nullopt without an error).
std::optional<std::string> optional_string(nlohmann::json const& body, std::string_view name,
                                           TextBounds bounds, FieldErrors& errors);

// A field of a partial update: absent means "leave it", null means "clear it".
struct NullableUpdate {
  bool present = false;
  std::optional<std::string> value;  // nullopt with present = true: the client sent null
};
NullableUpdate nullable_string(nlohmann::json const& body, std::string_view name, TextBounds bounds,
                               FieldErrors& errors);

// An id: a JSON integer > 0 that fits in int64 (1.0, "1" and true are refused).
std::optional<std::int64_t> required_id(nlohmann::json const& body, std::string_view name,
                                        FieldErrors& errors);
std::optional<std::int64_t> optional_id(nlohmann::json const& body, std::string_view name,
                                        FieldErrors& errors);

// A list of ids with at most `max_items` entries, duplicates removed (first occurrence kept).
std::optional<std::vector<std::int64_t>> required_id_list(nlohmann::json const& body, std::string_view name,
                                                          std::size_t max_items, FieldErrors& errors);

// A boolean that may be absent (nullopt) or null (nullopt).
std::optional<bool> optional_bool(nlohmann::json const& body, std::string_view name, FieldErrors& errors);

}  // namespace common
