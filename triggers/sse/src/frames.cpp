#include "frames.h"

#include <charconv>

namespace kfn::sse {
namespace {

void append_one_line(std::string& out, std::string_view text) {
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
}

}  // namespace

std::string event_frame(std::optional<std::int64_t> id, std::string_view event, std::string_view data) {
  std::string out;
  out.reserve(32 + event.size() + data.size());
  if (id) out += "id: " + std::to_string(*id) + "\n";
  out += "event: ";
  append_one_line(out, event);
  out += "\ndata: ";
  append_one_line(out, data);
  out += "\n\n";
  return out;
}

std::string reset_frame(std::optional<std::int64_t> resume_id) {
  std::string out = resume_id ? "id: " + std::to_string(*resume_id) + "\n" : std::string("id\n");
  out += "event: reset\ndata: {\"reason\":\"history_unavailable\"}\n\n";
  return out;
}

std::string retry_frame(std::chrono::milliseconds retry) {
  return "retry: " + std::to_string(retry.count()) + "\n\n";
}

std::string ping_frame() { return ": ping\n\n"; }

std::string chunk(std::string_view bytes) {
  if (bytes.empty()) return {};
  char size[20];
  auto const end = std::to_chars(size, size + sizeof size, bytes.size(), 16).ptr;
  std::string out;
  out.reserve(static_cast<std::size_t>(end - size) + bytes.size() + 4);
  out.append(size, end);
  out += "\r\n";
  out += bytes;
  out += "\r\n";
  return out;
}

std::optional<std::int64_t> parse_event_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace kfn::sse
