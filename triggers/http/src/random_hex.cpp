#include "random_hex.h"

#include <cstdint>
#include <random>

namespace kfn::http {

std::string random_hex(std::size_t bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::string out;
  out.reserve(bytes * 2);
  std::uint64_t pool = 0;
  for (std::size_t i = 0; i < bytes * 2; ++i) {
    if (i % 16 == 0) pool = generator();
    out.push_back(kDigits[pool & 0xf]);
    pool >>= 4;
  }
  return out;
}

}  // namespace kfn::http
