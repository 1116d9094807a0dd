// The benchmark's latency probe: the record value is the publish time (nanoseconds since the epoch,
// system clock); each invocation appends "<now - publish time in microseconds>\n" to LATENCY_FILE.
// Other values (warm-up records) are accepted and not measured.
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "kfn/function.h"

namespace {

struct LatencyLog {
  std::mutex mutex;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{nullptr, &std::fclose};
};

kfn::EventResult handle(LatencyLog& log, kfn::CloudEvent const& event, kfn::Context& ctx) {
  auto const now = std::chrono::duration_cast<std::chrono::nanoseconds>(ctx.now().time_since_epoch()).count();
  long long sent = 0;
  try {
    sent = std::stoll(event.data);
  } catch (std::exception const&) {
    return kfn::EventResult::done();
  }
  std::lock_guard lock(log.mutex);
  if (log.file) {
    std::fprintf(log.file.get(), "%lld\n", (now - sent) / 1000);
    std::fflush(log.file.get());
  }
  return kfn::EventResult::done();
}

kfn::Function make(kfn::Setup& setup) {
  auto log = std::make_shared<LatencyLog>();
  auto path = setup.config().get_or("LATENCY_FILE", "");
  if (!path.empty()) log->file.reset(std::fopen(path.c_str(), "w"));
  return kfn::Function::event(
      [log](kfn::CloudEvent const& event, kfn::Context& ctx) { return handle(*log, event, ctx); });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
