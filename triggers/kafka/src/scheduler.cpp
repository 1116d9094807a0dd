// Per-key lanes over a shared ready queue and a delay heap. A lane is an intrusive list: its head is
// ready, running or waiting for a retry; the rest wait for the head to finish.
#include "scheduler.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "offset_tracker.h"
#include "partition_metrics.h"

namespace kfn::kafka {

struct KeyLane {
  WorkPtr head;
  Work* tail = nullptr;
};

struct PartitionSlot {
  PartitionSlot(PartitionId p, PartitionMetrics* m) : id(std::move(p)), metrics(m) {}

  PartitionId id;
  PartitionMetrics* metrics;
  OffsetTracker tracker;
  // By record key; keyless records need no lane. A lane is erased only once it has no head (see
  // release_finished), and rehashing keeps elements where they are, so its records may point to it.
  std::unordered_map<std::string, KeyLane> lanes;
  std::size_t active = 0;  // records ready or running
  bool removed = false;
  bool commit_moved = false;
};

namespace {

constexpr std::size_t kMaxSpares = 4096;
constexpr std::size_t kMaxSpareBytes = std::size_t{64} * 1024;

// A Work that carried a large record is freed rather than kept, so the spares stay small.
bool small_enough_to_keep(Work const& work) {
  return work.event.data.capacity() <= kMaxSpareBytes &&
         (!work.record.value || work.record.value->capacity() <= kMaxSpareBytes);
}

// Records hold their slot (dropping the lanes breaks that cycle), and a running lane head keeps the
// records behind it alive: its link to them is cut as well, so abandoned records are freed at once.
void drop_lanes(PartitionSlot& slot) {
  for (auto& [key, lane] : slot.lanes) {
    if (!lane.head) continue;
    lane.head->next_in_lane.reset();
    lane.head->lane = nullptr;
  }
  slot.lanes.clear();
}

}  // namespace

bool Scheduler::Delayed::operator>(Delayed const& other) const {
  return when != other.when ? when > other.when : sequence > other.sequence;
}

Scheduler::Scheduler(std::size_t max_busy) : census_(max_busy) {}
Scheduler::~Scheduler() {
  stop();
  for (auto& [id, slot] : slots_) drop_lanes(*slot);
}

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
    drop_lanes(slot);
    slots_.erase(it);
  }
  auto abandoned = [](WorkPtr const& work) { return work->slot->removed; };
  std::erase_if(ready_, abandoned);
  std::erase_if(delayed_, [&](Delayed const& d) { return abandoned(d.work); });
  std::make_heap(delayed_.begin(), delayed_.end(), std::greater<>());
  settled_.notify_all();
  return points;
}

void Scheduler::submit(std::span<Record> records) {
  std::lock_guard lock(mutex_);
  submit_all_locked(records, Clock::now());
}

void Scheduler::submit_all_locked(std::span<Record> records, Clock::time_point now) {
  std::shared_ptr<PartitionSlot> slot;
  for (auto& record : records) {
    if (!slot || slot->id != record.source) {
      auto it = slots_.find(record.source);
      slot = it == slots_.end() ? nullptr : it->second;
    }
    if (slot) submit_locked(record, slot, now);
  }
}

void Scheduler::submit_locked(Record& record, std::shared_ptr<PartitionSlot> const& slot,
                              Clock::time_point now) {
  if (!slot->tracker.received(record.offset)) return;
  if (record.skip) {  // stays in the caller's buffer: nothing to run, nothing to keep
    slot->tracker.done(record.offset);
    slot->commit_moved = true;
    if (slot->metrics) slot->metrics->skipped.add();
    return;
  }
  WorkPtr work;
  if (spare_.empty()) {
    work = std::make_shared<Work>(std::move(record));
  } else {
    work = std::move(spare_.back());
    spare_.pop_back();
    std::swap(work->record, record);  // the caller gets the spare's buffers to fill next
  }
  work->slot = slot;
  work->metrics = slot->metrics;
  if (work->record.key) {
    auto& lane = slot->lanes[*work->record.key];  // an emptied lane is kept until the next sweep
    work->lane = &lane;
    if (lane.head) {
      lane.tail->next_in_lane = work;
      lane.tail = work.get();
      return;
    }
    lane.head = work;
    lane.tail = work.get();
  }
  make_ready(std::move(work), now);
}

void Scheduler::make_ready(WorkPtr work, Clock::time_point now) {
  ++work->slot->active;
  ready_.push_back(std::move(work));
  wake_if_needed_locked(now);
}

void Scheduler::wake_one_locked() {
  if (!census_.anyone_to_wake()) return;
  census_.wake_sent();
  work_available_.notify_one();
}

void Scheduler::wake_if_needed_locked(Clock::time_point now) {
  if (census_.should_wake(!ready_.empty(), now)) wake_one_locked();
}

bool Scheduler::help_if_stuck() {
  std::lock_guard lock(mutex_);
  wake_if_needed_locked(Clock::now());
  return !ready_.empty() && census_.anyone_to_wake();
}

WorkPtr Scheduler::next() {
  std::unique_lock lock(mutex_);
  census_.start_searching();
  return next_locked(lock, Clock::now());
}

void Scheduler::complete(WorkPtr const& work, Completion completion) {
  std::lock_guard lock(mutex_);
  complete_locked(work, completion, Clock::now());
}

WorkPtr Scheduler::complete_and_next(WorkPtr const& work, Completion completion) {
  std::unique_lock lock(mutex_);
  census_.done_with_record(work->started_at);
  census_.start_searching();  // before completing: the record its key frees is this worker's to take
  auto const now = Clock::now();
  complete_locked(work, completion, now);
  return next_locked(lock, now);
}

void Scheduler::complete_locked(WorkPtr const& work, Completion completion, Clock::time_point now,
                                Recycle recycle) {
  auto& slot = *work->slot;
  if (slot.removed) return;
  switch (completion.kind) {
    case Completion::Kind::kFinished:
      finish_locked(work, now, recycle);
      break;
    case Completion::Kind::kRetryAt:
      delayed_.push_back({completion.when, next_sequence_++, work});
      std::push_heap(delayed_.begin(), delayed_.end(), std::greater<>());
      // Sleepers may wait for something later (or nothing): one wakes to wait for this instead. A
      // searching worker will wait for it; the poll thread, searching as a helper, will not.
      if (delayed_.front().work == work && !census_.anyone_searching_or_waking(helper_searching_ ? 1 : 0))
        wake_one_locked();
      release_locked(slot);
      break;
    case Completion::Kind::kPending:
      break;
  }
}

void Scheduler::finish_locked(WorkPtr const& work, Clock::time_point now, Recycle recycle) {
  auto& slot = *work->slot;
  slot.tracker.done(work->record.offset);
  slot.commit_moved = true;
  if (work->lane != nullptr) {  // the head of its key's lane: the next record of the key is free to run
    auto& lane = *std::exchange(work->lane, nullptr);
    if (WorkPtr following = std::move(work->next_in_lane)) {
      lane.head = following;
      make_ready(std::move(following), now);
    } else {
      lane = {};
    }
  }
  release_locked(slot);
  // The caller's reference is the only one left: nobody else can still be reading it.
  if (recycle == Recycle::kNowIfUnshared && work.use_count() == 1 && keep_spare_locked(work)) return;
  finished_.push_back(work);  // freed by release_finished(), on the thread that allocated it
}

bool Scheduler::keep_spare_locked(WorkPtr const& work) {
  if (!small_enough_to_keep(*work) || spare_.size() >= kMaxSpares) return false;
  work->reset();
  spare_.push_back(work);
  return true;
}

// Records and lane entries are allocated by the poll thread; freeing them there too spares malloc
// the cross-thread frees that otherwise contend on its arena locks at high rates.
// Finished Works are reset and kept for submit() to fill again, so a record costs no allocation once
// the trigger is warm (malloc and free of the per-record strings were the trigger's largest cost).
// A Work someone still holds (a worker that has not yet let go of it) is left to them; a Work that
// carried a large record is freed rather than kept, so the spares stay small.
//
// Emptied lanes are swept only once a partition has many: re-creating a lane (a node and a copy of
// its key) for every record of a busy key cost more than the sweep saves, and the bound keeps the
// memory of keys that went quiet small.
void Scheduler::release_finished() {
  constexpr std::size_t kLanesKeptPerPartition = 4096;
  {
    std::lock_guard lock(mutex_);
    releasing_.swap(finished_);
    for (auto& [id, slot] : slots_) {
      if (slot->lanes.size() > kLanesKeptPerPartition)
        std::erase_if(slot->lanes, [](auto const& lane) { return !lane.second.head; });
    }
  }
  // Outside the lock: resets and frees may be many.
  std::size_t kept = 0;
  for (auto& work : releasing_) {
    if (work.use_count() != 1 || !small_enough_to_keep(*work)) continue;
    work->reset();
    releasing_[kept++] = std::move(work);
  }
  releasing_.resize(kept);
  {
    std::lock_guard lock(mutex_);
    while (!releasing_.empty() && spare_.size() < kMaxSpares) {
      spare_.push_back(std::move(releasing_.back()));
      releasing_.pop_back();
    }
  }
  releasing_.clear();
}

void Scheduler::release_locked(PartitionSlot& slot) {
  if (--slot.active == 0) settled_.notify_all();
}

WorkPtr Scheduler::try_next() {
  std::lock_guard lock(mutex_);
  if (stopped_) return nullptr;
  auto const now = Clock::now();
  auto work = take_ready_locked(now);
  if (work) work->started_at = now;
  return work;
}

WorkPtr Scheduler::take_ready_locked(Clock::time_point now) {
  if (!delayed_.empty()) promote_due_locked(now);
  while (!ready_.empty()) {
    WorkPtr work = std::move(ready_.front());
    ready_.pop_front();
    if (!work->slot->removed) return work;
  }
  return nullptr;
}

// The caller is counted as searching; it leaves that count with a record, asleep, or stopped.
WorkPtr Scheduler::next_locked(std::unique_lock<std::mutex>& lock, Clock::time_point now) {
  for (;;) {
    if (stopped_) {
      census_.stop_searching();
      return nullptr;
    }
    if (auto work = take_ready_locked(now)) {
      census_.took_record(now);
      work->started_at = now;
      wake_if_needed_locked(now);  // more waiting and nobody left looking: call the next one
      return work;
    }
    census_.fall_asleep();
    if (delayed_.empty()) {
      work_available_.wait(lock);
    } else {
      // A copy: wait_until reads its deadline again after waking, and while this worker sleeps another
      // may push a retry that reallocates delayed_ under a reference to its front.
      auto const due = delayed_.front().when;
      work_available_.wait_until(lock, due);
    }
    census_.wake_up();
    now = Clock::now();
  }
}

void Scheduler::promote_due_locked(Clock::time_point now) {
  while (!delayed_.empty() && delayed_.front().when <= now) {
    std::pop_heap(delayed_.begin(), delayed_.end(), std::greater<>());
    WorkPtr work = std::move(delayed_.back().work);
    delayed_.pop_back();
    if (!work->slot->removed) make_ready(std::move(work), now);
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

std::size_t Scheduler::workers_asleep() const {
  std::lock_guard lock(mutex_);
  return census_.asleep();
}

void Scheduler::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  work_available_.notify_all();
  settled_.notify_all();
}

}  // namespace kfn::kafka
