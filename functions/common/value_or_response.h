// Either the value a handler step produced, or the HTTP answer that explains why it could not:
// expected failures (bad input, not found) travel as values, not exceptions.
//   auto id = common::path_id(req, "room_id");
//   if (!id.ok()) return id.response();
#pragma once

#include <utility>
#include <variant>

#include "kfn/http.h"

namespace common {

template <class T>
class ValueOrResponse {
 public:
  // Implicit on purpose, so a step can `return value;` or `return kfn::error_response(...);`.
  ValueOrResponse(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  ValueOrResponse(kfn::HttpResponse response) : state_(std::in_place_index<1>, std::move(response)) {}

  [[nodiscard]] bool ok() const { return state_.index() == 0; }
  // Precondition: ok(). Throws std::bad_variant_access otherwise.
  [[nodiscard]] T& value() { return std::get<0>(state_); }
  [[nodiscard]] T const& value() const { return std::get<0>(state_); }
  // Precondition: !ok().
  [[nodiscard]] kfn::HttpResponse& response() { return std::get<1>(state_); }

 private:
  std::variant<T, kfn::HttpResponse> state_;
};

}  // namespace common
