// Reads the fields of an inbound domain event's JSON data (docs/events.md). The first problem is
// remembered, so a malformed event is refused as a whole with a reason that names the field.
//   notify::EventReader in(data);
//   auto room_id = in.id("room_id");
//   if (!in.ok()) return notify::Malformed{in.problem()};
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace notify {

// The most members one event may name: rooms hold at most 100, this leaves room for growth while
// still bounding the work one event can cause.
inline constexpr std::size_t kMaxEventMembers = 1000;

class EventReader {
 public:
  explicit EventReader(nlohmann::json const& data) : data_(data) {}

  // A JSON integer > 0; 0 when absent or not one.
  std::int64_t id(std::string_view name);
  // A JSON array of ids (at most kMaxEventMembers), duplicates removed, first occurrence kept.
  std::vector<std::int64_t> id_list(std::string_view name);
  // A JSON object, copied; an empty object when absent or not one.
  nlohmann::json object(std::string_view name);
  // A PublicUserSnapshot reduced to PublicUser's fields, so nothing else a publisher put there
  // (an email, say) reaches another user's stream.
  nlohmann::json public_user(std::string_view name);
  bool boolean(std::string_view name);
  // An RFC 3339 time string, or null (absent or null both give null).
  nlohmann::json optional_time(std::string_view name);
  // A string, or "" when absent or null.
  std::string optional_string(std::string_view name);

  [[nodiscard]] bool ok() const { return problem_.empty(); }
  [[nodiscard]] std::string const& problem() const { return problem_; }

 private:
  nlohmann::json const* find(std::string_view name) const;
  void fail(std::string_view name, std::string_view what);

  nlohmann::json const& data_;
  std::string problem_;
};

// `value` as an id (a JSON integer > 0), or 0.
std::int64_t json_id(nlohmann::json const& value);

}  // namespace notify
