// notify-read: POST /notifications/read.
// Only the glue between the runtime and functions/notify/lib lives here.
#include "kfn/function.h"
#include "lib/notification_handlers.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) {
  return kfn::Function::http(&notify::handle_mark_notifications_read);
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
