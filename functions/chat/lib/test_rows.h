// Rows the chat handlers' tests script into the fake database, shaped like MySQL's answers to the
// stores' statements.
#pragma once

#include <cstdint>
#include <string>

#include "common/testing/scripted_database.h"
#include "lib/member_ids.h"

namespace chat::testing {

// lock_room / read_room: room_type, last_seq, blocked, member_ids.
inline kfn::SqlResult room_rows(std::string const& type, std::int64_t last_seq, bool blocked,
                                MemberIds const& members) {
  return {{common::testing::make_row(
              {"room_type", "last_seq", "blocked", "member_ids"},
              {type, last_seq, std::int64_t{blocked ? 1 : 0}, format_member_ids(members)})},
          0,
          0};
}

// A message in kMessageColumns order.
inline kfn::Row message_row(std::int64_t id, std::int64_t room_id, std::int64_t seq, std::int64_t user_id,
                            std::string const& content,
                            std::string const& created_at = "2026-11-21 11:55:00.000", bool deleted = false) {
  return common::testing::make_row({"id", "room_id", "seq", "user_id", "content", "message_type",
                                    "client_message_id", "created_at", "edited_at", "deleted"},
                                   {id, room_id, seq, user_id, content, std::string("text"), nullptr,
                                    created_at, nullptr, std::int64_t{deleted ? 1 : 0}});
}

inline kfn::SqlResult rows(std::vector<kfn::Row> list) { return {std::move(list), 0, 0}; }

inline kfn::SqlResult affected(std::uint64_t count, std::uint64_t insert_id = 0) {
  return kfn::SqlResult{{}, count, insert_id};
}

inline kfn::SqlResult one_value(std::int64_t value) {
  return rows({common::testing::make_row({"v"}, {value})});
}

}  // namespace chat::testing

namespace chat::testing {

// What room_of / rooms_of read for one room: the room row, its members' profiles (named "user<id>"),
// no last message, and `unread` unread messages.
inline void answer_room_view(common::testing::ScriptedDatabase& db, std::int64_t room_id,
                             std::string const& type, MemberIds const& members, std::int64_t unread = 0) {
  kfn::SqlValue const name = type == "group" ? kfn::SqlValue(std::string("Team")) : kfn::SqlValue(nullptr);
  db.answer(rows({common::testing::make_row(
      {"id", "room_type", "name", "created_at", "member_ids"},
      {room_id, type, name, std::string("2026-11-21 11:00:00.000"), format_member_ids(members)})}));
  std::vector<kfn::Row> users;
  for (auto const id : members) {
    users.push_back(common::testing::make_row(
        {"id", "username", "display_name", "status_message", "avatar_url"},
        {id, "user" + std::to_string(id), "User " + std::to_string(id), nullptr, nullptr}));
  }
  db.answer(rows(std::move(users)));
  db.answer(rows({}));
  std::vector<kfn::Row> counts;
  if (unread > 0) counts.push_back(common::testing::make_row({"room_id", "count"}, {room_id, unread}));
  db.answer(rows(std::move(counts)));
}

}  // namespace chat::testing
