// Keeps a storm of identical errors (a broker down for a minute) to one log line per key per window.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace kfn::kafka {

// Not thread-safe: one per thread that logs through it.
class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::steady_clock::duration window) : window_(window) {}

  // True when nothing was logged under `key` within the window (and remembers now).
  bool allow(std::string const& key, std::chrono::steady_clock::time_point now) {
    auto [it, fresh] = last_.try_emplace(key, now);
    if (fresh) return true;
    if (now - it->second < window_) return false;
    it->second = now;
    return true;
  }

 private:
  std::chrono::steady_clock::duration window_;
  std::map<std::string, std::chrono::steady_clock::time_point> last_;
};

}  // namespace kfn::kafka
