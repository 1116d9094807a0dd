// YAML node reading for the manifests, with 1-based lines and dotted field names in every error.
#include "manifest_yaml.h"

#include <charconv>
#include <limits>
#include <set>

#include "kfn/host/manifest.h"

namespace kfn::host::manifest_yaml {
namespace {

// yaml-cpp marks are 0-based and -1 when unknown.
int line_of(YAML::Node const& node, int fallback) {
  if (!node) return fallback;
  int const line = node.Mark().line;
  return line >= 0 ? line + 1 : fallback;
}

// Splits "16KiB" into 16 and "KiB"; nullopt when it does not start with digits or overflows.
std::optional<std::pair<std::uint64_t, std::string_view>> split_number_unit(std::string_view text) {
  std::uint64_t value = 0;
  auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end == text.data()) return std::nullopt;
  return std::pair{value, text.substr(static_cast<std::size_t>(end - text.data()))};
}

}  // namespace

Field::Field(YAML::Node node, std::string path, std::shared_ptr<std::string const> file, int line)
    : node_(std::move(node)), path_(std::move(path)), file_(std::move(file)), line_(line) {}

Field Field::parse_document(std::string const& text, std::string const& file) {
  try {
    YAML::Node root = YAML::Load(text);
    return Field(root, "", std::make_shared<std::string const>(file), line_of(root, 1));
  } catch (YAML::Exception const& e) {
    throw ManifestError(file, e.mark.line >= 0 ? e.mark.line + 1 : 1, "yaml", "malformed YAML: " + e.msg);
  }
}

void Field::fail(std::string const& message) const {
  throw ManifestError(*file_, line_, path_.empty() ? "(document)" : path_, message);
}

Field Field::child(YAML::Node const& node, std::string path) const {
  return Field(node, std::move(path), file_, line_of(node, line_));
}

void Field::expect_keys(std::initializer_list<std::string_view> allowed) const {
  if (is_null()) return;
  if (!node_.IsMap()) fail("must be a mapping");
  std::set<std::string> seen;
  for (auto const& entry : node_) {
    Field const key = child(entry.first, path_);
    std::string const name = key.scalar("a key");
    std::string const key_path = path_.empty() ? name : path_ + "." + name;
    Field const located = child(entry.first, key_path);
    bool known = false;
    for (auto candidate : allowed) known = known || candidate == name;
    if (!known) located.fail("unknown key");
    if (!seen.insert(name).second) located.fail("duplicate key");
  }
}

std::optional<Field> Field::find(std::string_view key) const {
  if (is_null()) return std::nullopt;
  if (!node_.IsMap()) fail("must be a mapping");
  std::string const name(key);
  for (auto const& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == name) {
      return child(entry.second, path_.empty() ? name : path_ + "." + name);
    }
  }
  return std::nullopt;
}

Field Field::require(std::string_view key) const {
  auto found = find(key);
  if (!found) {
    Field(node_, path_.empty() ? std::string(key) : path_ + "." + std::string(key), file_, line_)
        .fail("is required");
  }
  return *found;
}

std::vector<std::pair<std::string, Field>> Field::entries() const {
  std::vector<std::pair<std::string, Field>> out;
  if (is_null()) return out;
  if (!node_.IsMap()) fail("must be a mapping");
  std::set<std::string> seen;
  for (auto const& entry : node_) {
    std::string const name = child(entry.first, path_).scalar("a key");
    std::string const key_path = path_.empty() ? name : path_ + "." + name;
    if (!seen.insert(name).second) child(entry.first, key_path).fail("duplicate key");
    out.emplace_back(name, child(entry.second, key_path));
  }
  return out;
}

std::vector<Field> Field::items() const {
  if (!node_ || !node_.IsSequence()) fail("must be a list");
  std::vector<Field> out;
  for (std::size_t i = 0; i < node_.size(); ++i) {
    out.push_back(child(node_[i], path_ + "[" + std::to_string(i) + "]"));
  }
  return out;
}

std::string const& Field::scalar(std::string_view expected) const {
  if (!node_ || !node_.IsScalar()) fail("must be " + std::string(expected));
  return node_.Scalar();
}

std::string Field::text() const { return scalar("a string"); }

std::string Field::non_empty_text() const {
  std::string value = text();
  if (value.empty()) fail("must not be empty");
  return value;
}

std::string Field::one_of(std::initializer_list<std::string_view> choices) const {
  std::string const value = text();
  std::string listed;
  for (auto choice : choices) {
    if (choice == value) return value;
    listed += listed.empty() ? "" : "|";
    listed += choice;
  }
  fail("must be one of " + listed + ", got \"" + value + "\"");
}

std::int64_t Field::integer(std::int64_t min, std::int64_t max) const {
  std::string const& value = scalar("an integer");
  std::int64_t parsed = 0;
  auto const [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  bool const ok =
      error == std::errc{} && end == value.data() + value.size() && parsed >= min && parsed <= max;
  if (!ok) {
    bool const unbounded = max == std::numeric_limits<std::int64_t>::max();
    fail(unbounded ? "must be an integer >= " + std::to_string(min)
                   : "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return parsed;
}

double Field::number(double min) const {
  std::string const& value = scalar("a number");
  double parsed = 0;
  auto const [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (error != std::errc{} || end != value.data() + value.size() || !(parsed >= min)) {
    fail("must be a number >= " + std::to_string(min));
  }
  return parsed;
}

std::chrono::milliseconds Field::duration() const {
  static constexpr std::pair<std::string_view, std::int64_t> kUnits[] = {
      {"ms", 1}, {"s", 1'000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};
  auto const split = split_number_unit(scalar("a duration like 500ms, 5s, 1m"));
  if (split && split->first > 0) {
    for (auto const& [unit, factor] : kUnits) {
      // Ten years is far beyond any sensible setting and keeps the arithmetic clear of overflow.
      if (split->second == unit &&
          split->first <= 10ULL * 365 * 86'400'000 / static_cast<std::uint64_t>(factor)) {
        return std::chrono::milliseconds(static_cast<std::int64_t>(split->first) * factor);
      }
    }
  }
  fail("must be a positive duration like 500ms, 5s, 1m, 1h or 7d");
}

std::size_t Field::size_bytes() const {
  static constexpr std::pair<std::string_view, std::uint64_t> kUnits[] = {
      {"", 1}, {"B", 1}, {"KiB", 1ULL << 10}, {"MiB", 1ULL << 20}, {"GiB", 1ULL << 30}};
  auto const split = split_number_unit(scalar("a size like 512, 16KiB, 1MiB"));
  if (split) {
    for (auto const& [unit, factor] : kUnits) {
      if (split->second == unit && split->first <= (1ULL << 40) / factor) {
        return static_cast<std::size_t>(split->first * factor);
      }
    }
  }
  fail("must be a size like 512, 16KiB or 1MiB");
}

std::vector<std::string> Field::string_list() const {
  std::vector<std::string> out;
  for (auto const& item : items()) out.push_back(item.non_empty_text());
  return out;
}

}  // namespace kfn::host::manifest_yaml
