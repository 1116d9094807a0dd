#include "delivery.h"

#include <nlohmann/json.hpp>

namespace kfn::sse {
namespace {

bool is_event_name(std::string const& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool const ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::optional<Delivery> parse_delivery(std::string_view value, std::int64_t offset,
                                       std::chrono::system_clock::time_point event_time) {
  auto const json = nlohmann::json::parse(value, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  auto const recipient = json.find("recipient_id");
  auto const event = json.find("event");
  auto const data = json.find("data");
  if (recipient == json.end() || !recipient->is_number_integer() || event == json.end() ||
      !event->is_string() || data == json.end() || data->is_null())
    return std::nullopt;
  Delivery delivery;
  delivery.recipient_id = recipient->get<std::int64_t>();
  delivery.event = event->get<std::string>();
  if (delivery.recipient_id <= 0 || !is_event_name(delivery.event)) return std::nullopt;
  delivery.id = offset;
  delivery.data = data->dump();  // compact: one line, newlines inside strings stay escaped
  delivery.event_time = event_time;
  return delivery;
}

}  // namespace kfn::sse
