// The benchmark's Kafka-triggered function: does nothing, so only the trigger's cost is measured.
#include "kfn/function.h"

namespace {

kfn::Function make(kfn::Setup&) {
  return kfn::Function::event([](kfn::CloudEvent const&, kfn::Context&) { return kfn::EventResult::done(); });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
