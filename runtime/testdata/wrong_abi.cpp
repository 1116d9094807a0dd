// A library built against a future runtime: the loader must refuse it by its ABI version.
#include "kfn/function.h"

namespace {

kfn::Function make(kfn::Setup&) {
  return kfn::Function::http([](kfn::HttpRequest const&, kfn::Context&) { return kfn::no_content(); });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{7, &make};
  return &entry;
}
