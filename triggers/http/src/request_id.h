// X-Request-Id: echo a client's id when it is safe to log and repeat, otherwise make one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kfn::http {

inline constexpr std::size_t kMaxRequestIdLength = 128;

// 1..128 characters of [A-Za-z0-9._-]: nothing that could break a log line or a header.
bool is_acceptable_request_id(std::string_view id);
// The client's id when acceptable, else a fresh random one (32 hex digits).
std::string choose_request_id(std::optional<std::string_view> client_id);

}  // namespace kfn::http
