#include "iso_duration.h"

#include <cstdio>

namespace kfn::knative {

std::string iso8601_duration(std::chrono::milliseconds duration) {
  auto const ms = duration.count();
  auto const seconds = ms / 1000;
  auto const fraction = ms % 1000;
  std::string text = "PT" + std::to_string(seconds);
  if (fraction != 0) {
    char digits[8];
    std::snprintf(digits, sizeof digits, ".%03lld", static_cast<long long>(fraction));
    std::string decimals(digits);
    while (decimals.back() == '0') decimals.pop_back();
    text += decimals;
  }
  return text + "S";
}

int ceil_seconds(std::chrono::milliseconds duration) {
  return static_cast<int>((duration.count() + 999) / 1000);
}

}  // namespace kfn::knative
