// Random lower-case hex strings for request ids and trace ids (unique, not secret).
#pragma once

#include <cstddef>
#include <string>

namespace kfn::http {

// 2 * `bytes` hex digits from a per-thread generator seeded by std::random_device. Thread-safe.
std::string random_hex(std::size_t bytes);

}  // namespace kfn::http
