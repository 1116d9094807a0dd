// Redis lists and MySQL rows the probe function wrote.
#include "probe_report.h"

#include <set>

namespace kfn::kafka::testing {

std::int64_t ProbeReport::handled() const {
  auto reply = redis_.command({"GET", prefix_ + ":handled"});
  return reply.is_nil() ? 0 : std::stoll(reply.str);
}

bool ProbeReport::wait_handled(std::int64_t count, std::chrono::milliseconds timeout) const {
  return eventually([&] { return handled() >= count; }, timeout);
}

std::vector<std::string> ProbeReport::list(std::string const& key) const {
  std::vector<std::string> values;
  for (auto const& element : redis_.command({"LRANGE", key, "0", "-1"}).elements)
    values.push_back(element.str);
  return values;
}

std::vector<std::string> ProbeReport::seen(std::string const& key) const {
  return list(prefix_ + ":seen:" + key);
}
std::size_t ProbeReport::distinct_seen(std::vector<std::string> const& keys) const {
  std::size_t distinct = 0;
  for (auto const& key : keys) {
    auto const values = seen(key);
    distinct += std::set<std::string>(values.begin(), values.end()).size();
  }
  return distinct;
}

std::vector<std::string> ProbeReport::timeline() const { return list(prefix_ + ":timeline"); }

std::vector<std::int64_t> ProbeReport::concurrency() const {
  std::vector<std::int64_t> values;
  for (auto const& value : list(prefix_ + ":concurrency")) values.push_back(std::stoll(value));
  return values;
}

std::vector<std::int64_t> ProbeReport::attempt_times_ms(std::string const& event_id) const {
  std::vector<std::int64_t> values;
  for (auto const& value : list(prefix_ + ":attempt_ms:" + event_id)) values.push_back(std::stoll(value));
  return values;
}

void ProbeReport::clear() const {
  std::string cursor = "0";
  do {
    auto reply = redis_.command({"SCAN", cursor, "MATCH", prefix_ + ":*", "COUNT", "1000"});
    cursor = reply.elements.at(0).str;
    for (auto const& key : reply.elements.at(1).elements) redis_.command({"DEL", key.str});
  } while (cursor != "0");
}

EffectCounts effect_counts(kfn::host::SchemaDatabase& database) {
  auto result = database.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM probe_effects", {});
  return {result.rows.at(0).int64(0), result.rows.at(0).int64(1)};
}

}  // namespace kfn::kafka::testing
