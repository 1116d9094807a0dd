// An HTTP function that answers with what it received, so tests can see what the runtime passed in.
#include "kfn/function.h"

namespace {

kfn::HttpResponse echo(kfn::HttpRequest const& request, kfn::Context& ctx) {
  ctx.metrics().count("echoes");
  if (request.query_param("use_db")) ctx.db();  // throws std::logic_error without a context
  nlohmann::json path_params = nlohmann::json::object();
  for (auto const& [name, value] : request.path_params) path_params[name] = value;
  auto const* caller = ctx.caller();
  return kfn::json_response(200, {{"method", request.method},
                                  {"path", request.path},
                                  {"body", request.body},
                                  {"path_params", path_params},
                                  {"caller", caller ? nlohmann::json(caller->user_id) : nlohmann::json()},
                                  {"request_id", std::string(ctx.request_id())},
                                  {"traceparent", std::string(ctx.traceparent())},
                                  {"greeting", ctx.config().get_or("GREETING", "none")}});
}

kfn::Function make(kfn::Setup& setup) {
  setup.log().info("echo loaded", {{"name", std::string(setup.function_name())}});
  return kfn::Function::http(echo);
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
