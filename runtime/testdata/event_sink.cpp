// An event function whose outcome is chosen by the event type, so tests can drive every path.
#include <stdexcept>

#include "kfn/errors.h"
#include "kfn/function.h"

namespace {

kfn::EventResult handle(kfn::CloudEvent const& event, kfn::Context& ctx) {
  ctx.metrics().count("events");
  if (event.type == "retry") return kfn::EventResult::retry("asked to retry");
  if (event.type == "permanent") return kfn::EventResult::permanent("asked to give up");
  if (event.type == "throw") throw std::runtime_error("event handler failed");
  if (event.type == "unavailable") throw kfn::Unavailable("mysql is down");
  return kfn::EventResult::done();
}

kfn::Function make(kfn::Setup&) { return kfn::Function::event(handle); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
