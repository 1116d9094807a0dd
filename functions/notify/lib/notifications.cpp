#include "lib/notifications.h"

#include <algorithm>
#include <iterator>

#include "lib/event_reader.h"

namespace notify {

std::optional<NotificationDraft> friend_notification(std::string_view type, nlohmann::json const& data) {
  EventReader in(data);
  NotificationDraft draft;
  if (type == "FriendRequestSent") {
    draft = {in.id("target_user_id"), "friend_request_received", {{"user", in.public_user("requester")}}};
  } else if (type == "FriendRequestAccepted") {
    draft = {in.id("requester_id"), "friend_request_accepted", {{"user", in.public_user("target")}}};
  } else {
    return std::nullopt;
  }
  if (!in.ok()) return std::nullopt;
  return draft;
}

std::optional<SentMessage> sent_message(nlohmann::json const& data) {
  EventReader in(data);
  SentMessage sent{in.id("room_id"),
                   in.id("message_id"),
                   in.id("seq"),
                   in.id("user_id"),
                   in.id_list("member_ids"),
                   {},
                   {}};
  auto const message = in.object("message");
  EventReader message_in(message);
  sent.message_type = message_in.optional_string("message_type");
  sent.preview = preview_of(message_in.optional_string("content"));
  if (!in.ok() || !message_in.ok()) return std::nullopt;
  if (sent.message_type.empty()) sent.message_type = "text";
  return sent;
}

std::vector<std::int64_t> offline_recipients(SentMessage const& message,
                                             std::set<std::int64_t> const& online) {
  std::vector<std::int64_t> recipients;
  std::copy_if(message.member_ids.begin(), message.member_ids.end(), std::back_inserter(recipients),
               [&](std::int64_t member) { return member != message.sender_id && online.count(member) == 0; });
  return recipients;
}

nlohmann::json message_payload(SentMessage const& message, nlohmann::json const* previous_payload) {
  std::int64_t count = 1;
  if (previous_payload != nullptr && previous_payload->is_object()) {
    auto const previous = previous_payload->find("count");
    if (previous != previous_payload->end() && previous->is_number_integer()) {
      count = std::max<std::int64_t>(previous->get<std::int64_t>(), 0) + 1;
    }
  }
  return {{"room_id", message.room_id},
          {"message_id", message.message_id},
          {"seq", message.seq},
          {"sender_id", message.sender_id},
          {"message_type", message.message_type},
          {"preview", message.preview},
          {"count", count}};
}

std::string preview_of(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool const starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && chars++ == max_chars) return std::string(text.substr(0, i));
  }
  return std::string(text);
}

std::optional<RoomRead> room_read(std::string_view type, nlohmann::json const& data) {
  if (type != "MessageRead") return std::nullopt;
  EventReader in(data);
  RoomRead read{in.id("room_id"), in.id("user_id"), in.id("seq")};
  if (!in.ok()) return std::nullopt;
  return read;
}

}  // namespace notify
