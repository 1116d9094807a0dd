// The facts the chat context publishes (docs/events.md): chat.events and message.events, keyed by
// room id, each carrying the member ids consumers need to fan out without calling back.
#pragma once

#include <cstdint>

#include "kfn/event.h"
#include "lib/member_ids.h"
#include "lib/message.h"
#include "lib/public_user.h"
#include "lib/room.h"

namespace chat {

inline constexpr char kChatEventsTopic[] = "chat.events";
inline constexpr char kMessageEventsTopic[] = "message.events";

// RoomCreated: {room_id, room_type, name, created_by, member_ids, room, created_at}; `room` as its
// creator sees it.
kfn::DomainEvent room_created(Room const& room, std::int64_t created_by);
// MemberJoined: {room_id, user_id, added_by, member_ids (after), user}.
kfn::DomainEvent member_joined(std::int64_t room_id, PublicUser const& user, std::int64_t added_by,
                               MemberIds const& after);
// MemberLeft: {room_id, user_id, member_ids (after), user}.
kfn::DomainEvent member_left(std::int64_t room_id, PublicUser const& user, MemberIds const& after);

// MessageSent and MessageEdited: {room_id, message_id, seq, user_id, member_ids, message}.
kfn::DomainEvent message_sent(Message const& message, MemberIds const& members);
kfn::DomainEvent message_edited(Message const& message, MemberIds const& members);
// MessageDeleted: {room_id, message_id, seq, user_id, member_ids}.
kfn::DomainEvent message_deleted(Message const& message, MemberIds const& members);
// MessageRead: {room_id, user_id, seq, member_ids}.
kfn::DomainEvent message_read(std::int64_t room_id, std::int64_t user_id, std::int64_t seq,
                              MemberIds const& members);

}  // namespace chat
