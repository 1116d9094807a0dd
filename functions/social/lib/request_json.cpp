#include "lib/request_json.h"

#include <optional>

#include "common/json_fields.h"

namespace social {

common::ValueOrResponse<Answer> parse_answer(nlohmann::json const& body) {
  common::FieldErrors errors;
  std::optional<std::string> const status = common::required_string(body, "status", {1, 16}, errors);
  if (status == "accepted") return Answer::kAccept;
  if (status == "rejected") return Answer::kReject;
  errors.add("status", R"(must be "accepted" or "rejected")");
  return errors.response();
}

nlohmann::json request_json(std::int64_t requester_id, std::int64_t target_id, std::string const& status,
                            std::string const& created_at) {
  return {{"requester_id", requester_id},
          {"target_user_id", target_id},
          {"status", status},
          {"created_at", created_at}};
}

nlohmann::json answer_json(std::int64_t requester_id, std::int64_t target_id, Answer answer) {
  return {{"requester_id", requester_id},
          {"target_user_id", target_id},
          {"status", answer == Answer::kAccept ? "accepted" : "rejected"}};
}

}  // namespace social
