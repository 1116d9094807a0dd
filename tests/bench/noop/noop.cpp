// The benchmark's no-op HTTP function: whatever the runtime costs around a function, and nothing else.
#include "kfn/function.h"

namespace {

kfn::Function make_noop(kfn::Setup&) {
  return kfn::Function::http([](kfn::HttpRequest const&, kfn::Context&) {
    kfn::HttpResponse response;
    response.headers.add("Content-Type", "application/json");
    response.body = "{}";
    return response;
  });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make_noop};
  return &entry;
}
