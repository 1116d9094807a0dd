// Sample domain event data for the notify tests, shaped as docs/events.md says each context
// publishes it (event_type and occurred_at included, as the runtime adds them).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kfn/event.h"

namespace notify::testing {

using nlohmann::json;

inline json snapshot(std::int64_t id) {
  std::string const name = "user" + std::to_string(id);
  return {{"id", id},
          {"username", name},
          {"display_name", "User " + std::to_string(id)},
          {"status_message", nullptr},
          {"avatar_url", nullptr}};
}

inline json with_envelope(std::string const& type, json data) {
  data["event_type"] = type;
  data["occurred_at"] = "2026-11-21T11:59:59.000Z";
  return data;
}

inline json friend_request_sent(std::int64_t requester, std::int64_t target) {
  return with_envelope("FriendRequestSent", {{"user_id", requester},
                                             {"requester_id", requester},
                                             {"target_user_id", target},
                                             {"requester", snapshot(requester)},
                                             {"created_at", "2026-11-21T11:59:59.000Z"}});
}

inline json friend_request_accepted(std::int64_t requester, std::int64_t target) {
  return with_envelope("FriendRequestAccepted", {{"user_id", target},
                                                 {"requester_id", requester},
                                                 {"target_user_id", target},
                                                 {"requester", snapshot(requester)},
                                                 {"target", snapshot(target)},
                                                 {"created_at", "2026-11-21T11:59:59.000Z"}});
}

inline json message(std::int64_t room, std::int64_t id, std::int64_t seq, std::int64_t sender,
                    std::string const& content) {
  return {{"id", id},
          {"room_id", room},
          {"seq", seq},
          {"user_id", sender},
          {"content", content},
          {"message_type", "text"},
          {"client_message_id", nullptr},
          {"created_at", "2026-11-21T11:59:59.000Z"},
          {"edited_at", nullptr},
          {"deleted", false}};
}

inline json message_sent(std::int64_t room, std::int64_t id, std::int64_t seq, std::int64_t sender,
                         std::vector<std::int64_t> const& members, std::string const& content = "hello") {
  return with_envelope("MessageSent", {{"room_id", room},
                                       {"message_id", id},
                                       {"seq", seq},
                                       {"user_id", sender},
                                       {"member_ids", members},
                                       {"message", message(room, id, seq, sender, content)}});
}

inline json online_status(std::int64_t user, bool online) {
  return with_envelope("UserOnlineStatusChanged",
                       {{"user_id", user}, {"online", online}, {"last_seen_at", "2026-11-21T11:59:58.000Z"}});
}

inline kfn::CloudEvent cloud_event(std::string const& id, json const& data) {
  kfn::CloudEvent event;
  event.id = id;
  event.type = data.at("event_type").get<std::string>();
  event.data = data.dump();
  return event;
}

}  // namespace notify::testing
