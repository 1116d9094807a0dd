// The bytes of an event stream: SSE frames (id/event/data, comments, retry) and the HTTP/1.1 chunks
// that carry them. Pure functions, so the framing is tested without a socket.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kfn::sse {

// "id: <id>\nevent: <event>\ndata: <data>\n\n". `data` must be one line (compact JSON is); any CR or
// LF in `event` or `data` is replaced by a space so a frame can never be split or forged.
std::string event_frame(std::optional<std::int64_t> id, std::string_view event, std::string_view data);
// "event: reset" with an id that moves the client's Last-Event-ID to where live events continue
// (an empty id clears it, when there is no history to continue from).
std::string reset_frame(std::optional<std::int64_t> resume_id);
std::string retry_frame(std::chrono::milliseconds retry);  // "retry: 3000\n\n"
std::string ping_frame();                                  // ": ping\n\n"

// One HTTP/1.1 chunk: "<hex size>\r\n<bytes>\r\n" (empty input gives empty output, never a last chunk).
std::string chunk(std::string_view bytes);
inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

// Parses a Last-Event-ID value (header or query): a non-negative decimal id, else nullopt.
std::optional<std::int64_t> parse_event_id(std::string_view text);

}  // namespace kfn::sse
