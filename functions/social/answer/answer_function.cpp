// social-answer: PUT /friends/status/{requester_user_id}.
// Only the glue between the runtime and functions/social/lib lives here.
#include "kfn/function.h"
#include "lib/request_handlers.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::http(&social::handle_answer_request); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
