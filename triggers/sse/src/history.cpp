#include "history.h"

#include "frames.h"

namespace kfn::sse {

ResumePlan plan_resume(std::optional<std::int64_t> last_id, std::vector<StoredEvent> stored_from_last,
                       std::optional<std::int64_t> newest_id, std::size_t max_replay_bytes) {
  ResumePlan plan;
  if (!last_id) return plan;
  auto reset = [&] {
    plan.replay.clear();
    plan.reset = true;
    plan.reset_id = newest_id;
    plan.delivered_through = newest_id;
    return plan;
  };
  if (stored_from_last.empty() || stored_from_last.front().id != *last_id) return reset();
  std::size_t bytes = 0;
  for (std::size_t i = 1; i < stored_from_last.size(); ++i) {
    bytes += stored_from_last[i].event.size() + stored_from_last[i].data.size() + 32;
    if (bytes > max_replay_bytes) return reset();
  }
  stored_from_last.erase(stored_from_last.begin());
  plan.replay = std::move(stored_from_last);
  plan.delivered_through = plan.replay.empty() ? *last_id : plan.replay.back().id;
  return plan;
}

std::string encode_member(StoredEvent const& event) {
  return std::to_string(event.id) + "\n" + event.event + "\n" + event.data;
}

std::optional<StoredEvent> decode_member(std::string_view member) {
  auto const first = member.find('\n');
  if (first == std::string_view::npos) return std::nullopt;
  auto const second = member.find('\n', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto const id = parse_event_id(member.substr(0, first));
  if (!id) return std::nullopt;
  return StoredEvent{*id, std::string(member.substr(first + 1, second - first - 1)),
                     std::string(member.substr(second + 1))};
}

std::string HistoryStore::key_for(std::int64_t user_id) const {
  return key_prefix_ + "history:" + std::to_string(user_id);
}

void HistoryStore::append(std::int64_t user_id, StoredEvent const& event) { append_all({{user_id, event}}); }

void HistoryStore::append_all(std::vector<std::pair<std::int64_t, StoredEvent>> const& events) {
  if (events.empty()) return;
  std::vector<std::vector<std::string>> commands;
  commands.reserve(events.size() * 3);
  for (auto const& [user_id, event] : events) {
    auto const key = key_for(user_id);
    commands.push_back({"ZADD", key, std::to_string(event.id), encode_member(event)});
    commands.push_back(
        {"ZREMRANGEBYRANK", key, "0", std::to_string(-static_cast<long long>(max_events_) - 1)});
    commands.push_back({"PEXPIRE", key, std::to_string(ttl_.count())});
  }
  redis_.pipeline(commands);
}

ResumePlan HistoryStore::resume(std::int64_t user_id, std::optional<std::int64_t> last_id,
                                std::size_t max_replay_bytes) {
  if (!last_id) return {};
  auto const key = key_for(user_id);
  auto const replies = redis_.pipeline({
      {"ZRANGEBYSCORE", key, std::to_string(*last_id), "+inf", "LIMIT", "0", std::to_string(max_events_ + 1)},
      {"ZREVRANGE", key, "0", "0"},
  });
  std::vector<StoredEvent> stored;
  for (auto const& element : replies.at(0).elements) {
    if (auto event = decode_member(element.str)) stored.push_back(std::move(*event));
  }
  std::optional<std::int64_t> newest;
  if (!replies.at(1).elements.empty()) {
    if (auto event = decode_member(replies.at(1).elements.front().str)) newest = event->id;
  }
  return plan_resume(last_id, std::move(stored), newest, max_replay_bytes);
}

}  // namespace kfn::sse
