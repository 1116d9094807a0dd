// users-batch: GET /users?user_ids=.
// Only the glue between the runtime and functions/users/lib lives here.
#include "kfn/function.h"
#include "lib/lookup_handlers.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::http(&users::handle_users_batch); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
