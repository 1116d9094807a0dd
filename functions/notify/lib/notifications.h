// Which notifications an event makes, and their payloads (API.md "Notifications and presence"):
// friend_request_received, friend_request_accepted, and message_received for offline recipients,
// one unread notification per room whose payload.count grows. Pure: notification_store.h keeps them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace notify {

inline constexpr std::size_t kPreviewLength = 100;  // characters of the last message in the payload
inline constexpr char kMessageReceived[] = "message_received";

struct NotificationDraft {
  std::int64_t recipient_id = 0;
  std::string type;
  nlohmann::json payload;
};

// The notification a friend event makes, or nullopt (other types, or data missing what it needs).
std::optional<NotificationDraft> friend_notification(std::string_view type, nlohmann::json const& data);

// What a MessageSent tells the message_received notifications.
struct SentMessage {
  std::int64_t room_id = 0;
  std::int64_t message_id = 0;
  std::int64_t seq = 0;
  std::int64_t sender_id = 0;
  std::vector<std::int64_t> member_ids;
  std::string message_type;
  std::string preview;
};
std::optional<SentMessage> sent_message(nlohmann::json const& data);

// The members who get a message_received: everyone but the sender and those online.
std::vector<std::int64_t> offline_recipients(SentMessage const& message,
                                             std::set<std::int64_t> const& online);

// The payload after `message`: count 1 for a new notification, the previous count + 1 otherwise.
nlohmann::json message_payload(SentMessage const& message, nlohmann::json const* previous_payload);

// At most `max_chars` code points of UTF-8 `text`, never cutting a character in two.
std::string preview_of(std::string_view text, std::size_t max_chars = kPreviewLength);

// A MessageRead by a recipient: their room notification is read when it covers no later message.
struct RoomRead {
  std::int64_t room_id = 0;
  std::int64_t user_id = 0;
  std::int64_t seq = 0;
};
std::optional<RoomRead> room_read(std::string_view type, nlohmann::json const& data);

}  // namespace notify
