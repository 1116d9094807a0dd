// The bodies of the friend request routes (API.md, Friends): what a client sends when answering a
// request, and what the request routes answer.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "common/value_or_response.h"
#include "lib/pair_state.h"

namespace social {

// {"status": "accepted" | "rejected"}; anything else is 422 naming `status`.
common::ValueOrResponse<Answer> parse_answer(nlohmann::json const& body);

// {requester_id, target_user_id, status, created_at}: POST /friends/request.
nlohmann::json request_json(std::int64_t requester_id, std::int64_t target_id, std::string const& status,
                            std::string const& created_at);

// {requester_id, target_user_id, status}: PUT /friends/status/{requester_user_id}.
nlohmann::json answer_json(std::int64_t requester_id, std::int64_t target_id, Answer answer);

}  // namespace social
