// A library whose factory fails (e.g. a missing setting): the loader must report what it threw.
#include <stdexcept>

#include "kfn/function.h"

namespace {

kfn::Function make(kfn::Setup&) { throw std::runtime_error("GREETING is not configured"); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
