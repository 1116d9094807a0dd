// An HTTP function whose dependency is down: the host must answer 503 with Retry-After.
#include "kfn/errors.h"
#include "kfn/function.h"

namespace {

kfn::Function make(kfn::Setup&) {
  return kfn::Function::http([](kfn::HttpRequest const&, kfn::Context&) -> kfn::HttpResponse {
    throw kfn::Unavailable("redis is down", std::chrono::seconds(7));
  });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
