// Adapters that give one invocation its view of the function's shared services.
#include "invocation_context.h"

#include <stdexcept>

namespace kfn::host {

SqlResult InvocationDatabase::execute(std::string_view sql, SqlParams const& params) {
  return database_->execute(sql, params);
}

std::unique_ptr<Transaction> InvocationDatabase::begin() { return database_->begin(origin_); }

void InvocationPublisher::publish(DomainEvent event) {
  services_.publisher().publish(std::move(event), origin_);
}

void InvocationPublisher::publish_confirmed(std::vector<DomainEvent> events) {
  services_.publisher().publish_confirmed(std::move(events), origin_);
}

void InvocationLogger::log(LogLevel level, std::string_view message, nlohmann::json const& fields) {
  nlohmann::json merged = fields.is_object() ? fields : nlohmann::json::object();
  if (!fields.is_object() && !fields.is_null()) merged["fields"] = fields;
  if (!invocation_.request_id.empty()) merged["request_id"] = invocation_.request_id;
  if (auto const trace_id = trace_id_of(invocation_.traceparent); !trace_id.empty()) {
    merged["trace_id"] = std::string(trace_id);
  }
  log_.log(level, message, merged);
}

InvocationContext::InvocationContext(FunctionRuntime& function, Invocation const& invocation)
    : function_(function),
      invocation_(invocation),
      db_(function.database, EventOrigin{function.name, invocation.traceparent}),
      events_(function.services, EventOrigin{function.name, invocation.traceparent}),
      log_(*function.log, invocation) {}

Database& InvocationContext::db() {
  if (function_.database == nullptr) {
    throw std::logic_error("function " + function_.name + " has no database: its manifest names no context");
  }
  return db_;
}

std::string_view trace_id_of(std::string_view traceparent) {
  // version "-" trace-id (32 hex) "-" parent-id (16 hex) "-" flags
  if (traceparent.size() < 55 || traceparent[2] != '-' || traceparent[35] != '-') return {};
  std::string_view const trace_id = traceparent.substr(3, 32);
  bool const hex = trace_id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
  return hex ? trace_id : std::string_view{};
}

}  // namespace kfn::host
