// notify-presence: GET /presence.
// Only the glue between the runtime and functions/notify/lib lives here.
#include "kfn/function.h"
#include "lib/presence_handler.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::http(&notify::handle_presence); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
