// Structured logging: one JSON line per call, with the function name, request id and trace id added.
// Never pass a password, token or secret in `fields`.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace kfn {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Thread-safe.
class Logger {
 public:
  virtual ~Logger() = default;
  virtual void log(LogLevel level, std::string_view message, nlohmann::json const& fields) = 0;

  void debug(std::string_view m, nlohmann::json const& f = nlohmann::json::object()) { log(LogLevel::kDebug, m, f); }
  void info(std::string_view m, nlohmann::json const& f = nlohmann::json::object()) { log(LogLevel::kInfo, m, f); }
  void warn(std::string_view m, nlohmann::json const& f = nlohmann::json::object()) { log(LogLevel::kWarn, m, f); }
  void error(std::string_view m, nlohmann::json const& f = nlohmann::json::object()) { log(LogLevel::kError, m, f); }
};

}  // namespace kfn
