// Test function that stays in flight until the test lets it go: with `?gate=<name>` it pushes to
// the Redis list kfn:test:gate:<name>:started, then waits (BLPOP, at most 5 s) on
// kfn:test:gate:<name>:release. Tests use it to hold a request open without sleeping.
#include <string>

#include "kfn/function.h"

namespace {

kfn::HttpResponse slow(kfn::HttpRequest const& request, kfn::Context& ctx) {
  auto gate = request.query_param("gate");
  if (!gate) return kfn::error_response(400, "missing_gate", "pass ?gate=<name>");
  auto prefix = "kfn:test:gate:" + *gate;
  ctx.redis().command({"RPUSH", prefix + ":started", "1"});
  auto released = ctx.redis().command({"BLPOP", prefix + ":release", "5"});
  if (released.is_nil()) return kfn::error_response(504, "gate_timeout", "nobody released the gate");
  return kfn::json_response(200, {{"gate", *gate}});
}

kfn::Function make(kfn::Setup&) { return kfn::Function::http(slow); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
