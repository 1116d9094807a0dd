// An HTTP function that always throws: the host must answer 500 and keep serving.
#include <stdexcept>

#include "kfn/function.h"

namespace {

kfn::Function make(kfn::Setup&) {
  return kfn::Function::http([](kfn::HttpRequest const&, kfn::Context&) -> kfn::HttpResponse {
    throw std::runtime_error("boom: internal detail 4711");
  });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
