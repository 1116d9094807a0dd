// Test function: answers with what it was given (request, caller, ids), so tests can see exactly
// what the trigger passed on.
#include "kfn/function.h"

namespace {

kfn::HttpResponse echo(kfn::HttpRequest const& request, kfn::Context& ctx) {
  nlohmann::json params = nlohmann::json::object();
  for (auto const& [name, value] : request.path_params) params[name] = value;
  nlohmann::json body{
      {"method", request.method},
      {"path", request.path},
      {"query", request.query},
      {"body", request.body},
      {"path_params", params},
      {"request_id", std::string(ctx.request_id())},
      {"traceparent", std::string(ctx.traceparent())},
      {"caller", ctx.caller() != nullptr ? nlohmann::json(ctx.caller()->user_id) : nlohmann::json()},
  };
  auto response = kfn::json_response(200, body);
  if (auto cookie = request.query_param("cookies")) {
    response.headers.add("Set-Cookie", "a=1");
    response.headers.add("Set-Cookie", "b=2");
  }
  return response;
}

kfn::Function make(kfn::Setup&) { return kfn::Function::http(echo); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}
