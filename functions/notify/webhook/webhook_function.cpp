// notify-webhook: NotificationCreated on notification.events, POSTed to KFN_PUSH_WEBHOOK_URL.
// Only the glue between the runtime and functions/notify/lib lives here.
#include "kfn/function.h"
#include "lib/http_post.h"
#include "lib/webhook_handler.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) {
  return kfn::Function::event([](kfn::CloudEvent const& event, kfn::Context& ctx) {
    return notify::handle_webhook_event(event, ctx, &notify::post_json);
  });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
