#include "lib/message_batch.h"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/group_commit.h"
#include "kfn/errors.h"
#include "lib/chat_events.h"
#include "lib/message_store.h"
#include "lib/responses.h"
#include "lib/room_store.h"

namespace chat {
namespace {

kfn::DomainEvent sent_event(PendingSend const& send, MemberIds const& members) {
  auto event = message_sent(send.message, members);
  event.traceparent = send.traceparent;
  return event;
}

// The first message sent with this client_message_id, which a racing or retried request lost to.
kfn::HttpResponse repeated(kfn::Context& ctx, Message const& attempt) {
  auto const first =
      find_by_client_message_id(ctx.db(), attempt.room_id, attempt.user_id, *attempt.client_message_id);
  if (!first) throw std::logic_error("duplicate client_message_id without a stored message");
  return kfn::json_response(200, message_json(*first));
}

void store_one(kfn::Context& ctx, PendingSend& send) {
  auto& message = send.message;
  auto tx = ctx.db().begin();
  auto const room = lock_room(*tx, message.room_id);
  if (!room || !contains(room->members, message.user_id)) {
    send.response = room_not_found();
    return;
  }
  if (room->blocked) {
    send.response = blocked();
    return;
  }
  message.seq = room->last_seq + 1;
  advance_room(*tx, message.room_id, message.seq, message.created_at);
  try {
    message.id = insert_message(*tx, message);
  } catch (kfn::SqlError const& e) {
    if (!e.duplicate_key() || !message.client_message_id) throw;
    tx.reset();  // rolls the seq back: the repeat takes nothing
    send.response = repeated(ctx, message);
    return;
  }
  tx->publish(sent_event(send, room->members));
  tx->commit();
  send.response = kfn::json_response(201, message_json(message));
}

// Returns false when the database refused the batch as a whole (nothing of it was stored).
bool try_store_batch(kfn::Context& ctx, std::span<PendingSend*> batch) {
  std::vector<std::int64_t> room_ids;
  for (auto const* send : batch) room_ids.push_back(send->message.room_id);
  auto tx = ctx.db().begin();
  std::map<std::int64_t, LockedRoom> rooms;
  try {
    rooms = lock_rooms(*tx, room_ids);
  } catch (kfn::SqlError const&) {
    return false;
  }

  std::vector<PendingSend*> accepted;
  std::map<std::int64_t, RoomAdvance> advances;
  for (auto* send : batch) {
    auto& message = send->message;
    auto room = rooms.find(message.room_id);
    if (room == rooms.end() || !contains(room->second.members, message.user_id)) {
      send->response = room_not_found();
    } else if (room->second.blocked) {
      send->response = blocked();
    } else {
      message.seq = ++room->second.last_seq;
      advances[message.room_id] = RoomAdvance{message.room_id, message.seq, message.created_at};
      accepted.push_back(send);
    }
  }
  if (accepted.empty()) return true;

  std::vector<RoomAdvance> to_advance;
  for (auto const& [id, advance] : advances) to_advance.push_back(advance);
  std::vector<Message const*> messages;
  for (auto const* send : accepted) messages.push_back(&send->message);
  std::vector<kfn::DomainEvent> events;
  try {
    advance_rooms(*tx, to_advance);
    auto const ids = insert_messages(*tx, messages);
    for (std::size_t i = 0; i < accepted.size(); ++i) accepted[i]->message.id = ids[i];
    for (auto const* send : accepted)
      events.push_back(sent_event(*send, rooms.at(send->message.room_id).members));
    tx->publish_all(std::move(events));
    tx->commit();
  } catch (kfn::SqlError const&) {
    for (auto* send : batch) send->response.reset();
    return false;
  }
  for (auto* send : accepted) send->response = kfn::json_response(201, message_json(send->message));
  return true;
}

}  // namespace

void store_messages(kfn::Context& ctx, std::span<PendingSend*> batch) {
  common::together_or_one_by_one(
      batch, [&](std::span<PendingSend*> all) { return try_store_batch(ctx, all); },
      [&](PendingSend& send) { store_one(ctx, send); });
}

}  // namespace chat
