// Reading YAML for the manifests: a node that knows its file, line and dotted field, so every value
// read through it can fail with a ManifestError that says exactly where the problem is.
#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kfn::host::manifest_yaml {

class Field {
 public:
  // Parses a whole document; malformed YAML is a ManifestError with the parser's line.
  static Field parse_document(std::string const& text, std::string const& file);

  [[nodiscard]] std::string const& path() const { return path_; }
  [[nodiscard]] std::string const& file() const { return *file_; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] bool is_null() const { return !node_ || node_.IsNull(); }
  [[noreturn]] void fail(std::string const& message) const;

  // A mapping (null reads as empty) whose keys are all in `allowed`; unknown or repeated keys fail.
  void expect_keys(std::initializer_list<std::string_view> allowed) const;
  [[nodiscard]] std::optional<Field> find(std::string_view key) const;
  [[nodiscard]] Field require(std::string_view key) const;
  // Mapping entries in document order, keys as text.
  [[nodiscard]] std::vector<std::pair<std::string, Field>> entries() const;
  // Sequence items, each with the field path "<path>[i]".
  [[nodiscard]] std::vector<Field> items() const;

  [[nodiscard]] std::string text() const;
  [[nodiscard]] std::string non_empty_text() const;
  [[nodiscard]] std::string one_of(std::initializer_list<std::string_view> choices) const;
  [[nodiscard]] std::int64_t integer(std::int64_t min, std::int64_t max) const;
  [[nodiscard]] double number(double min) const;
  // "500ms", "5s", "1m", "1h", "7d"; must be positive.
  [[nodiscard]] std::chrono::milliseconds duration() const;
  // "512", "16KiB", "1MiB", "1GiB" in bytes.
  [[nodiscard]] std::size_t size_bytes() const;
  [[nodiscard]] std::vector<std::string> string_list() const;

 private:
  Field(YAML::Node node, std::string path, std::shared_ptr<std::string const> file, int line);
  [[nodiscard]] Field child(YAML::Node const& node, std::string path) const;
  [[nodiscard]] std::string const& scalar(std::string_view expected) const;

  YAML::Node node_;
  std::string path_;
  std::shared_ptr<std::string const> file_;
  int line_;
};

}  // namespace kfn::host::manifest_yaml
