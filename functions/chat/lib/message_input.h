// The rules a message body must meet (API.md, POST and PATCH /messages/...), as pure functions over
// the request body, plus the author's edit window.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "common/json_fields.h"
#include "lib/message.h"

namespace chat {

inline constexpr std::size_t kContentMaxLength = 4000;
inline constexpr std::size_t kClientMessageIdMaxLength = 64;
inline constexpr std::chrono::minutes kEditWindow{15};

struct NewMessage {
  std::string content;
  std::string message_type = "text";
  std::optional<std::string> client_message_id;
};

// content 1-4000 characters; message_type "text" (default), "image" or "file"; client_message_id
// absent, null or 1-64 characters.
std::variant<NewMessage, common::FieldErrors> validate_new_message(nlohmann::json const& body);

// The new content of an edit: 1-4000 characters.
std::variant<std::string, common::FieldErrors> validate_edit(nlohmann::json const& body);

enum class ChangeRefusal {
  kNone,
  kNotAuthor,
  kEditWindowClosed,
};

// Only the author edits, and only until kEditWindow after created_at (inclusive).
ChangeRefusal edit_refusal(Message const& message, std::int64_t caller,
                           std::chrono::system_clock::time_point now);
// Only the author deletes, at any time.
ChangeRefusal delete_refusal(Message const& message, std::int64_t caller);

}  // namespace chat
