// chat.events and message.events -> room.* and message.* deliveries to every member of the room,
// the actor's own other streams included (API.md "Live events").
#include <algorithm>

#include "lib/deliveries.h"
#include "lib/event_reader.h"

namespace notify {
namespace {

DeliveryPlan fan_out_checked(EventReader const& in, std::vector<std::int64_t> const& recipients,
                             std::string_view event, nlohmann::json const& data) {
  if (!in.ok()) return Malformed{in.problem()};
  std::vector<Delivery> out;
  fan_out(recipients, event, data, out);
  return out;
}

}  // namespace

DeliveryPlan plan_room_deliveries(std::string_view type, nlohmann::json const& data) {
  EventReader in(data);
  if (type == "RoomCreated") {
    in.id("room_id");
    auto const members = in.id_list("member_ids");
    return fan_out_checked(in, members, "room.created", in.object("room"));
  }
  if (type == "MemberJoined") {
    nlohmann::json const joined = {{"room_id", in.id("room_id")}, {"user", in.public_user("user")}};
    return fan_out_checked(in, in.id_list("member_ids"), "room.member_joined", joined);
  }
  if (type == "MemberLeft") {
    nlohmann::json const left = {{"room_id", in.id("room_id")}, {"user", in.public_user("user")}};
    auto members = in.id_list("member_ids");
    // member_ids is the room after they left; the one who left hears of it too (their other streams).
    std::int64_t const leaver = in.id("user_id");
    if (std::find(members.begin(), members.end(), leaver) == members.end()) members.push_back(leaver);
    return fan_out_checked(in, members, "room.member_left", left);
  }
  return std::vector<Delivery>{};
}

DeliveryPlan plan_message_deliveries(std::string_view type, nlohmann::json const& data) {
  EventReader in(data);
  if (type == "MessageSent" || type == "MessageEdited") {
    in.id("room_id");
    auto const members = in.id_list("member_ids");
    auto const message = in.object("message");
    return fan_out_checked(in, members, type == "MessageSent" ? "message.sent" : "message.edited", message);
  }
  if (type == "MessageDeleted") {
    nlohmann::json const deleted = {
        {"room_id", in.id("room_id")}, {"message_id", in.id("message_id")}, {"seq", in.id("seq")}};
    return fan_out_checked(in, in.id_list("member_ids"), "message.deleted", deleted);
  }
  if (type == "MessageRead") {
    nlohmann::json const read = {
        {"room_id", in.id("room_id")}, {"user_id", in.id("user_id")}, {"seq", in.id("seq")}};
    return fan_out_checked(in, in.id_list("member_ids"), "message.read", read);
  }
  return std::vector<Delivery>{};
}

}  // namespace notify
