// Configuration and secrets a function reads: its manifest's `env` over the process environment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kfn {

// Immutable after load; thread-safe.
class Config {
 public:
  virtual ~Config() = default;
  [[nodiscard]] virtual std::optional<std::string> get(std::string_view key) const = 0;
  // A secret from `KEY`, or from the file named by `KEY_FILE` (as Kubernetes mounts them).
  // Never log what this returns.
  [[nodiscard]] virtual std::optional<std::string> secret(std::string_view key) const = 0;

  [[nodiscard]] std::string get_or(std::string_view key, std::string_view fallback) const;
  // The value as an integer; `fallback` when unset, std::invalid_argument when not a number.
  [[nodiscard]] std::int64_t get_int(std::string_view key, std::int64_t fallback) const;
};

}  // namespace kfn
