#include "lib/chat_events.h"

#include <string>

#include "kfn/time.h"

namespace chat {
namespace {

kfn::DomainEvent room_event(std::int64_t room_id, char const* type, nlohmann::json data) {
  return {kChatEventsTopic, std::to_string(room_id), type, std::move(data)};
}

kfn::DomainEvent message_event(Message const& message, char const* type, MemberIds const& members,
                               bool with_message) {
  nlohmann::json data = {
      {"room_id", message.room_id}, {"message_id", message.id}, {"seq", message.seq},
      {"user_id", message.user_id}, {"member_ids", members},
  };
  if (with_message) data["message"] = message_json(message);
  return {kMessageEventsTopic, std::to_string(message.room_id), type, std::move(data)};
}

}  // namespace

kfn::DomainEvent room_created(Room const& room, std::int64_t created_by) {
  MemberIds members;
  for (auto const& member : room.members) members.push_back(member.id);
  nlohmann::json data = {
      {"room_id", room.id},
      {"room_type", room.type},
      {"name", room.name ? nlohmann::json(*room.name) : nlohmann::json(nullptr)},
      {"created_by", created_by},
      {"member_ids", members},
      {"room", room_json(room)},
      {"created_at", kfn::rfc3339_from_sql(room.created_at)},
  };
  return room_event(room.id, "RoomCreated", std::move(data));
}

kfn::DomainEvent member_joined(std::int64_t room_id, PublicUser const& user, std::int64_t added_by,
                               MemberIds const& after) {
  nlohmann::json data = {
      {"room_id", room_id},
      {"user_id", user.id},
      {"added_by", added_by},
      {"member_ids", after},
      {"user", public_user_json(user)},
  };
  return room_event(room_id, "MemberJoined", std::move(data));
}

kfn::DomainEvent member_left(std::int64_t room_id, PublicUser const& user, MemberIds const& after) {
  nlohmann::json data = {
      {"room_id", room_id},
      {"user_id", user.id},
      {"member_ids", after},
      {"user", public_user_json(user)},
  };
  return room_event(room_id, "MemberLeft", std::move(data));
}

kfn::DomainEvent message_sent(Message const& message, MemberIds const& members) {
  return message_event(message, "MessageSent", members, true);
}

kfn::DomainEvent message_edited(Message const& message, MemberIds const& members) {
  return message_event(message, "MessageEdited", members, true);
}

kfn::DomainEvent message_deleted(Message const& message, MemberIds const& members) {
  return message_event(message, "MessageDeleted", members, false);
}

kfn::DomainEvent message_read(std::int64_t room_id, std::int64_t user_id, std::int64_t seq,
                              MemberIds const& members) {
  nlohmann::json data = {{"room_id", room_id}, {"user_id", user_id}, {"seq", seq}, {"member_ids", members}};
  return {kMessageEventsTopic, std::to_string(room_id), "MessageRead", std::move(data)};
}

}  // namespace chat
