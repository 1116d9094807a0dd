// social-blocked: GET /friends/blocked.
// Only the glue between the runtime and functions/social/lib lives here.
#include "kfn/function.h"
#include "lib/list_handlers.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::http(&social::handle_list_blocked); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
