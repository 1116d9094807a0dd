#include "lib/message.h"

#include "kfn/time.h"
#include "lib/json_values.h"

namespace chat {

std::string message_columns(std::string_view alias) {
  std::string columns;
  std::string_view names = kMessageColumns;
  while (!names.empty()) {
    auto const comma = names.find(", ");
    if (!columns.empty()) columns += ", ";
    columns.append(alias).append(".").append(names.substr(0, comma));
    if (comma == std::string_view::npos) break;
    names.remove_prefix(comma + 2);
  }
  return columns;
}

Message message_from_row(kfn::Row const& row, std::size_t first) {
  Message message;
  message.id = row.int64(first);
  message.room_id = row.int64(first + 1);
  message.seq = row.int64(first + 2);
  message.user_id = row.int64(first + 3);
  message.content = row.str(first + 4);
  message.message_type = row.str(first + 5);
  message.client_message_id = row.opt_str(first + 6);
  message.created_at = row.str(first + 7);
  message.edited_at = row.opt_str(first + 8);
  message.deleted = row.int64(first + 9) != 0;
  return message;
}

nlohmann::json message_json(Message const& message) {
  return {
      {"id", message.id},
      {"room_id", message.room_id},
      {"seq", message.seq},
      {"user_id", message.user_id},
      {"content", message.content},
      {"message_type", message.message_type},
      {"client_message_id", nullable(message.client_message_id)},
      {"created_at", kfn::rfc3339_from_sql(message.created_at)},
      {"edited_at", message.edited_at ? nlohmann::json(kfn::rfc3339_from_sql(*message.edited_at))
                                      : nlohmann::json(nullptr)},
      {"deleted", message.deleted},
  };
}

}  // namespace chat
