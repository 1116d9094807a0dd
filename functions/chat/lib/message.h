// A chat message as the chat context stores it, and API.md's Message object built from it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kfn/db.h"

namespace chat {

struct Message {
  std::int64_t id = 0;
  std::int64_t room_id = 0;
  std::int64_t seq = 0;
  std::int64_t user_id = 0;
  std::string content;  // empty once deleted
  std::string message_type = "text";
  std::optional<std::string> client_message_id;
  std::string created_at;  // MySQL DATETIME(3) text, UTC
  std::optional<std::string> edited_at;
  bool deleted = false;
};

// The select list message_from_row expects, in this order (prefix each name to use a table alias).
inline constexpr char kMessageColumns[] =
    "id, room_id, seq, user_id, content, message_type, client_message_id, created_at, edited_at, deleted";

// kMessageColumns with each name prefixed by `alias` and a dot, for statements that join.
std::string message_columns(std::string_view alias);

// Reads the columns of kMessageColumns starting at column `first`.
Message message_from_row(kfn::Row const& row, std::size_t first = 0);

// {id, room_id, seq, user_id, content, message_type, client_message_id, created_at, edited_at,
// deleted}: unset fields are null, times RFC 3339.
nlohmann::json message_json(Message const& message);

}  // namespace chat
