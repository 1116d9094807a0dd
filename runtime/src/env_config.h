// kfn::Config for one function: its manifest's `env` over the process environment, and secrets from
// the environment or from files (as Kubernetes mounts them).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "kfn/config.h"

namespace kfn::host {

// Immutable after construction; thread-safe as long as nobody calls setenv while it is read.
class EnvConfig : public Config {
 public:
  explicit EnvConfig(std::map<std::string, std::string> manifest_env);

  // The manifest's value if it sets one, else the process environment's.
  [[nodiscard]] std::optional<std::string> get(std::string_view key) const override;
  // The process environment's KEY, else the contents of the file named by KEY_FILE (looked up like get),
  // without its trailing newline. Secrets never come from the manifest itself.
  [[nodiscard]] std::optional<std::string> secret(std::string_view key) const override;

 private:
  std::map<std::string, std::string, std::less<>> manifest_env_;
};

}  // namespace kfn::host
