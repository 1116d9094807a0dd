#include "stream_registry.h"

#include <algorithm>

namespace kfn::sse {

std::vector<std::shared_ptr<EventStream>> StreamRegistry::add(std::shared_ptr<EventStream> stream) {
  std::vector<std::shared_ptr<EventStream>> pushed_out;
  std::lock_guard lock(mutex_);
  auto& streams = by_user_[stream->user_id()];
  streams.push_back(std::move(stream));
  ++streams_;
  while (streams.size() > max_per_user_) {
    pushed_out.push_back(std::move(streams.front()));
    streams.erase(streams.begin());
    --streams_;
  }
  return pushed_out;
}

bool StreamRegistry::remove(EventStream const& stream) {
  std::lock_guard lock(mutex_);
  auto const user = by_user_.find(stream.user_id());
  if (user == by_user_.end()) return false;
  auto& streams = user->second;
  auto const it =
      std::find_if(streams.begin(), streams.end(), [&](auto const& s) { return s.get() == &stream; });
  if (it == streams.end()) return false;
  streams.erase(it);
  --streams_;
  if (streams.empty()) by_user_.erase(user);
  return true;
}

std::vector<std::shared_ptr<EventStream>> StreamRegistry::of_user(std::int64_t user_id) const {
  std::lock_guard lock(mutex_);
  auto const it = by_user_.find(user_id);
  return it == by_user_.end() ? std::vector<std::shared_ptr<EventStream>>{} : it->second;
}

std::size_t StreamRegistry::count_of(std::int64_t user_id) const {
  std::lock_guard lock(mutex_);
  auto const it = by_user_.find(user_id);
  return it == by_user_.end() ? 0 : it->second.size();
}

std::vector<std::shared_ptr<EventStream>> StreamRegistry::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<EventStream>> out;
  out.reserve(streams_);
  for (auto const& [user, streams] : by_user_) out.insert(out.end(), streams.begin(), streams.end());
  return out;
}

std::size_t StreamRegistry::stream_count() const {
  std::lock_guard lock(mutex_);
  return streams_;
}

std::size_t StreamRegistry::user_count() const {
  std::lock_guard lock(mutex_);
  return by_user_.size();
}

std::size_t StreamRegistry::max_streams_of_any_user() const {
  std::lock_guard lock(mutex_);
  std::size_t most = 0;
  for (auto const& [user, streams] : by_user_) most = std::max(most, streams.size());
  return most;
}

}  // namespace kfn::sse
