// Configuration lookups for a function: manifest env first, then the process environment.
#include "env_config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kfn::host {
namespace {

std::optional<std::string> process_env(std::string const& key) {
  char const* const value = std::getenv(key.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::optional<std::string> read_trimmed(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  std::string value = text.str();
  // Files written by `echo` or editors end with a newline that is not part of the secret.
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  return value;
}

}  // namespace

EnvConfig::EnvConfig(std::map<std::string, std::string> manifest_env)
    : manifest_env_(manifest_env.begin(), manifest_env.end()) {}

std::optional<std::string> EnvConfig::get(std::string_view key) const {
  if (auto const it = manifest_env_.find(key); it != manifest_env_.end()) return it->second;
  return process_env(std::string(key));
}

std::optional<std::string> EnvConfig::secret(std::string_view key) const {
  if (auto value = process_env(std::string(key))) return value;
  auto const file = get(std::string(key) + "_FILE");
  if (!file || file->empty()) return std::nullopt;
  return read_trimmed(*file);
}

}  // namespace kfn::host
