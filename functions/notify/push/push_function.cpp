// notify-push: friend, chat, message and presence events to per-recipient deliveries and
// notifications on notification.events.
// Only the glue between the runtime and functions/notify/lib lives here.
#include <memory>

#include "kfn/function.h"
#include "lib/push_handler.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) {
  auto batching = std::make_shared<notify::PushBatching>();
  return kfn::Function::event([batching](kfn::CloudEvent const& event, kfn::Context& ctx) {
    return notify::handle_push_event(event, ctx, *batching);
  });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
