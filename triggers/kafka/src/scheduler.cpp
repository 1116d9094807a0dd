// Per-key lanes over a shared ready queue and a delay heap. A lane is an intrusive list: its head is
// ready, running or waiting for a retry; the rest wait for the head to finish.
#include "scheduler.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "offset_tracker.h"

namespace kfn::kafka {

struct PartitionSlot {
  struct Lane {
    WorkPtr head;
    Work* tail = nullptr;
  };

  PartitionSlot(PartitionId p, PartitionMetrics* m) : id(std::move(p)), metrics(m) {}

  PartitionId id;
  PartitionMetrics* metrics;
  OffsetTracker tracker;
  std::unordered_map<std::string, Lane> lanes;  // by record key; keyless records need no lane
  std::size_t active = 0;                       // records ready or running
  bool removed = false;
  bool commit_moved = false;
};

bool Scheduler::Delayed::operator>(Delayed const& other) const {
  return when != other.when ? when > other.when : sequence > other.sequence;
}

Scheduler::Scheduler() = default;
Scheduler::~Scheduler() { stop(); }

void Scheduler::add_partition(PartitionId const& partition, PartitionMetrics* metrics) {
  std::lock_guard lock(mutex_);
  auto& slot = slots_[partition];
  if (!slot) slot = std::make_shared<PartitionSlot>(partition, metrics);
}

std::vector<CommitPoint> Scheduler::remove_partitions(std::vector<PartitionId> const& partitions) {
  std::vector<CommitPoint> points;
  std::lock_guard lock(mutex_);
  for (auto const& partition : partitions) {
    auto it = slots_.find(partition);
    if (it == slots_.end()) continue;
    auto& slot = *it->second;
    slot.removed = true;
    if (auto offset = slot.tracker.committable()) points.push_back({partition, *offset});
    slot.lanes.clear();  // records hold their slot: dropping the lanes breaks the cycle
    slots_.erase(it);
  }
  auto abandoned = [](WorkPtr const& work) { return work->slot->removed; };
  std::erase_if(ready_, abandoned);
  std::erase_if(delayed_, [&](Delayed const& d) { return abandoned(d.work); });
  std::make_heap(delayed_.begin(), delayed_.end(), std::greater<>());
  settled_.notify_all();
  return points;
}

void Scheduler::submit(std::vector<Record> records) {
  std::lock_guard lock(mutex_);
  std::shared_ptr<PartitionSlot> slot;
  for (auto& record : records) {
    if (!slot || slot->id != record.source) {
      auto it = slots_.find(record.source);
      slot = it == slots_.end() ? nullptr : it->second;
    }
    if (slot) submit_locked(std::move(record), slot);
  }
}

void Scheduler::submit_locked(Record record, std::shared_ptr<PartitionSlot> const& slot) {
  if (!slot->tracker.received(record.offset)) return;
  auto work = std::make_shared<Work>(std::move(record));
  work->slot = slot;
  work->metrics = slot->metrics;
  if (work->record.key) {
    auto [it, created] = slot->lanes.try_emplace(*work->record.key);
    auto& lane = it->second;
    if (!created) {
      lane.tail->next_in_lane = work;
      lane.tail = work.get();
      return;
    }
    lane.head = work;
    lane.tail = work.get();
  }
  make_ready(std::move(work));
}

void Scheduler::make_ready(WorkPtr work) {
  ++work->slot->active;
  ready_.push_back(std::move(work));
  if (waiting_workers_ > 0) work_available_.notify_one();
}

WorkPtr Scheduler::next() {
  std::unique_lock lock(mutex_);
  return next_locked(lock);
}

void Scheduler::complete(WorkPtr const& work, Completion completion) {
  std::lock_guard lock(mutex_);
  complete_locked(work, completion);
}

WorkPtr Scheduler::complete_and_next(WorkPtr const& work, Completion completion) {
  std::unique_lock lock(mutex_);
  complete_locked(work, completion);
  return next_locked(lock);
}

void Scheduler::complete_locked(WorkPtr const& work, Completion completion) {
  auto& slot = *work->slot;
  if (slot.removed) return;
  switch (completion.kind) {
    case Completion::Kind::kFinished:
      finish_locked(work);
      break;
    case Completion::Kind::kRetryAt:
      delayed_.push_back({completion.when, next_sequence_++, work});
      std::push_heap(delayed_.begin(), delayed_.end(), std::greater<>());
      if (waiting_workers_ > 0) work_available_.notify_one();  // it may be due before what they wait for
      release_locked(slot);
      break;
    case Completion::Kind::kPending:
      break;
  }
}

void Scheduler::finish_locked(WorkPtr const& work) {
  auto& slot = *work->slot;
  slot.tracker.done(work->record.offset);
  slot.commit_moved = true;
  if (work->record.key) {
    auto lane = slot.lanes.find(*work->record.key);
    WorkPtr following = std::move(work->next_in_lane);
    if (lane != slot.lanes.end() && following) {
      lane->second.head = following;
      make_ready(std::move(following));
    } else if (lane != slot.lanes.end()) {
      slot.lanes.erase(lane);
    }
  }
  release_locked(slot);
}

void Scheduler::release_locked(PartitionSlot& slot) {
  if (--slot.active == 0) settled_.notify_all();
}

WorkPtr Scheduler::try_next() {
  std::lock_guard lock(mutex_);
  return stopped_ ? nullptr : take_ready_locked();
}

WorkPtr Scheduler::take_ready_locked() {
  if (!delayed_.empty()) promote_due_locked(Clock::now());
  while (!ready_.empty()) {
    WorkPtr work = std::move(ready_.front());
    ready_.pop_front();
    if (!work->slot->removed) return work;
  }
  return nullptr;
}

WorkPtr Scheduler::next_locked(std::unique_lock<std::mutex>& lock) {
  for (;;) {
    if (stopped_) return nullptr;
    if (auto work = take_ready_locked()) return work;
    ++waiting_workers_;
    if (delayed_.empty()) {
      work_available_.wait(lock);
    } else {
      work_available_.wait_until(lock, delayed_.front().when);
    }
    --waiting_workers_;
  }
}

void Scheduler::promote_due_locked(Clock::time_point now) {
  while (!delayed_.empty() && delayed_.front().when <= now) {
    std::pop_heap(delayed_.begin(), delayed_.end(), std::greater<>());
    WorkPtr work = std::move(delayed_.back().work);
    delayed_.pop_back();
    if (!work->slot->removed) make_ready(std::move(work));
  }
}

std::vector<CommitPoint> Scheduler::take_commit_points() {
  std::vector<CommitPoint> points;
  std::lock_guard lock(mutex_);
  for (auto& [id, slot] : slots_) {
    if (!slot->commit_moved) continue;
    slot->commit_moved = false;
    if (auto offset = slot->tracker.committable()) points.push_back({id, *offset});
  }
  return points;
}

std::optional<std::int64_t> Scheduler::committable(PartitionId const& partition) const {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(partition);
  return it == slots_.end() ? std::nullopt : it->second->tracker.committable();
}

std::size_t Scheduler::in_flight(PartitionId const& partition) const {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(partition);
  return it == slots_.end() ? 0 : it->second->tracker.in_flight();
}

std::vector<PartitionId> Scheduler::partitions() const {
  std::lock_guard lock(mutex_);
  std::vector<PartitionId> ids;
  for (auto const& [id, slot] : slots_) ids.push_back(id);
  return ids;
}

bool Scheduler::settled_locked(std::vector<PartitionId> const& partitions) const {
  return std::all_of(partitions.begin(), partitions.end(), [&](PartitionId const& id) {
    auto it = slots_.find(id);
    return it == slots_.end() || it->second->active == 0;
  });
}

bool Scheduler::wait_until_settled(std::vector<PartitionId> const& partitions, Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return settled_.wait_until(lock, deadline, [&] { return settled_locked(partitions); });
}

void Scheduler::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  work_available_.notify_all();
  settled_.notify_all();
}

}  // namespace kfn::kafka
