// Who runs next: records of one key strictly one after the other, different keys in parallel,
// failed records waiting out their backoff without holding a thread or other keys, and the offset
// each partition may commit. Plain C++ (no librdkafka), so every rule here is unit-tested.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "record.h"
#include "work.h"
#include "worker_census.h"

namespace kfn::kafka {

struct CommitPoint {
  PartitionId partition;
  std::int64_t offset;  // the next offset to consume: every record before it is done
};

// What became of a record a worker gave back.
struct Completion {
  enum class Kind {
    kFinished,  // handled or dead-lettered: its offset may be committed, its key moves on
    kRetryAt,   // run it again at `when`; its key waits, other keys do not
    kPending,   // still busy elsewhere (a dead-letter write in flight): settled later
  };
  Kind kind = Kind::kFinished;
  std::chrono::steady_clock::time_point when{};

  static Completion finished() { return {}; }
  static Completion retry_at(std::chrono::steady_clock::time_point t) { return {Kind::kRetryAt, t}; }
  static Completion pending() { return {Kind::kPending, {}}; }
};

// Thread-safe: the poll thread submits, workers take and complete, the dead-letter producer
// completes. Records of removed partitions are abandoned wherever they are.
// Which workers are woken, and when, is WorkerCensus's call.
class Scheduler {
 public:
  using Clock = std::chrono::steady_clock;

  // At most `max_busy` workers run quick handlers at once (see WorkerCensus); default: the cores.
  explicit Scheduler(std::size_t max_busy = std::thread::hardware_concurrency());
  ~Scheduler();
  Scheduler(Scheduler const&) = delete;
  Scheduler& operator=(Scheduler const&) = delete;

  // `metrics` (may be null) is handed to each of the partition's records; it must outlive them.
  void add_partition(PartitionId const& partition, PartitionMetrics* metrics = nullptr);
  // Forgets the partitions and returns their final commit points. Their records that are still queued,
  // waiting for a retry or running are abandoned: they are redelivered to the partition's next owner.
  std::vector<CommitPoint> remove_partitions(std::vector<PartitionId> const& partitions);

  // Records in consumption order. A record marked `skip` is done as it arrives: its offset may be
  // committed once those before it are, and it never reaches a worker. Each is swapped with a recycled record
  // (see release_finished), so the caller's buffer gets back records whose strings have capacity, ready to be
  // assigned over: the poll thread refills the same batch on every poll and allocates almost nothing per
  // record. A record of a partition not added, or at an offset already received, is dropped (never started,
  // so the partition's next reader receives it again).
  void submit(std::span<Record> records);

  // Blocks until a record may run; nullptr once stopped.
  WorkPtr next();
  // A record that may run now, or nullptr.
  WorkPtr try_next();
  void complete(WorkPtr const& work, Completion completion);
  // complete() then next(), under one lock acquisition on the hot path.
  WorkPtr complete_and_next(WorkPtr const& work, Completion completion);

  // Partitions whose committable offset moved since the last call.
  std::vector<CommitPoint> take_commit_points();
  [[nodiscard]] std::optional<std::int64_t> committable(PartitionId const& partition) const;
  [[nodiscard]] std::size_t in_flight(PartitionId const& partition) const;
  [[nodiscard]] std::vector<PartitionId> partitions() const;

  // Waits until none of `partitions` has a record ready or running (records waiting for a retry do
  // not count), or the deadline passes. True when settled.
  bool wait_until_settled(std::vector<PartitionId> const& partitions, Clock::time_point deadline);

  // The poll thread's share of the work: between polls it runs ready records itself, counted by the
  // census as one more worker. submit_and_take() submits as a searching worker, so the batch wakes
  // no worker, then takes a record; help() completes the record it ran and takes the next. Neither
  // calls a worker for the records still ready: help() with `go_on` false hands them over. Both
  // return nullptr (and stop searching) when no record is ready. A record the poll thread stays with
  // past WorkerCensus::kStaleAfter no longer counts, so help_if_stuck() (the watchdog's polling, see
  // ConsumerLoop) calls sleeping workers for the rest as for any worker stuck in a slow handler.
  WorkPtr submit_and_take(std::span<Record> records);
  WorkPtr help(WorkPtr const& done, Completion completion, bool go_on);

  // Wakes a worker when records wait and the awake ones are all stuck in slow handlers (workers check
  // this themselves when they take a record; the poll thread calls it regularly in case none does).
  // True while records wait and a sleeping worker could still be called: worth checking again soon.
  bool help_if_stuck();

  // Recycles finished records (or frees them) and sweeps emptied key lanes; the poll thread calls
  // this every few milliseconds.
  void release_finished();

  // Workers blocked in next() that no wake-up is on its way to.
  [[nodiscard]] std::size_t workers_asleep() const;

  // Wakes every waiting worker; next() returns nullptr from now on.
  void stop();

 private:
  struct Delayed {
    Clock::time_point when;
    std::uint64_t sequence;  // keeps equal times in order
    WorkPtr work;
    bool operator>(Delayed const& other) const;
  };

  // Where a finished Work goes: to release_finished() (the default), or, when the caller holds the
  // only reference, straight back to the spares.
  enum class Recycle { kLater, kNowIfUnshared };

  void submit_all_locked(std::span<Record> records, Clock::time_point now);
  void start_helping_locked();
  WorkPtr take_or_stop_searching_locked(Clock::time_point now);
  void submit_locked(Record& record, std::shared_ptr<PartitionSlot> const& slot, Clock::time_point now);
  void make_ready(WorkPtr work, Clock::time_point now);
  void complete_locked(WorkPtr const& work, Completion completion, Clock::time_point now,
                       Recycle recycle = Recycle::kLater);
  void finish_locked(WorkPtr const& work, Clock::time_point now, Recycle recycle);
  bool keep_spare_locked(WorkPtr const& work);
  // `now` is the caller's clock reading, used until the first wait (the hot path reads the clock once
  // per record for completing and taking the next; at these rates each reading shows in profiles).
  WorkPtr next_locked(std::unique_lock<std::mutex>& lock, Clock::time_point now);
  WorkPtr take_ready_locked(Clock::time_point now);
  void promote_due_locked(Clock::time_point now);
  void wake_one_locked();
  void wake_if_needed_locked(Clock::time_point now);
  bool settled_locked(std::vector<PartitionId> const& partitions) const;
  void release_locked(PartitionSlot& slot);

  mutable std::mutex mutex_;
  std::condition_variable work_available_;
  std::condition_variable settled_;
  std::map<PartitionId, std::shared_ptr<PartitionSlot>> slots_;
  std::deque<WorkPtr> ready_;
  std::vector<WorkPtr> finished_;   // done, waiting for release_finished()
  std::vector<WorkPtr> releasing_;  // release_finished()'s side of the swap; keeps its capacity
  // Reset Works that submit() fills before allocating new ones. help() puts the poll thread's own
  // finished records here at once, so the next batch reuses them while they are still in its cache;
  // recycling them only every release_finished() cycled thousands of Works through memory.
  std::vector<WorkPtr> spare_;
  std::vector<Delayed> delayed_;  // min-heap on `when`
  std::uint64_t next_sequence_ = 0;
  WorkerCensus census_;
  bool helper_searching_ = false;  // the poll thread is among the census's searching workers
  bool stopped_ = false;
};

}  // namespace kfn::kafka
