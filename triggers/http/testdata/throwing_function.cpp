// Test function: always throws, to check that the error boundary answers 500 and the server
// carries on.
#include <stdexcept>

#include "kfn/function.h"

namespace {

kfn::HttpResponse throwing(kfn::HttpRequest const&, kfn::Context&) {
  throw std::runtime_error("thrown on purpose by the http_test_throwing function");
}

kfn::Function make(kfn::Setup&) { return kfn::Function::http(throwing); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
