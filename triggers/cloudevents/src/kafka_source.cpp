#include "kafka_source.h"

#include <charconv>

namespace kfn::cloudevents {
namespace {

template <typename Number>
std::optional<Number> parse_number(std::string_view text) {
  Number value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<RecordPosition> parse_kafka_source_id(std::string_view id) {
  constexpr std::string_view kPartition = "partition:";
  constexpr std::string_view kOffset = "/offset:";
  if (!id.starts_with(kPartition)) return std::nullopt;
  id.remove_prefix(kPartition.size());
  auto const slash = id.find(kOffset);
  if (slash == std::string_view::npos) return std::nullopt;
  auto partition = parse_number<std::int32_t>(id.substr(0, slash));
  auto offset = parse_number<std::int64_t>(id.substr(slash + kOffset.size()));
  if (!partition || !offset) return std::nullopt;
  return RecordPosition{*partition, *offset};
}

std::optional<std::string> topic_of_kafka_source(std::string_view source) {
  auto const hash = source.rfind('#');
  if (hash == std::string_view::npos || hash + 1 == source.size()) return std::nullopt;
  return std::string(source.substr(hash + 1));
}

}  // namespace kfn::cloudevents
