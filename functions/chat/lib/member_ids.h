// rooms.member_ids: the room's member ids as comma-separated decimal text in join order, kept beside
// room_members so sending a message learns membership and the event's member list in one lookup.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chat {

using MemberIds = std::vector<std::int64_t>;

// "3,7,12" -> {3, 7, 12}; items that are not positive numbers are skipped (the column is ours).
MemberIds parse_member_ids(std::string_view text);
std::string format_member_ids(MemberIds const& ids);
bool contains(MemberIds const& ids, std::int64_t id);

}  // namespace chat
