#include "lib/message_input.h"

#include <array>
#include <string_view>

#include "kfn/time.h"

namespace chat {
namespace {

constexpr std::array<std::string_view, 3> kMessageTypes{"text", "image", "file"};

// message_type defaults to "text"; anything but a known name is a field error.
std::optional<std::string> read_message_type(nlohmann::json const& body, common::FieldErrors& errors) {
  auto const it = body.find("message_type");
  if (it == body.end() || it->is_null()) return std::string("text");
  if (it->is_string()) {
    for (auto const known : kMessageTypes) {
      if (known == it->get_ref<std::string const&>()) return std::string(known);
    }
  }
  errors.add("message_type", "must be one of text, image, file");
  return std::nullopt;
}

}  // namespace

std::variant<NewMessage, common::FieldErrors> validate_new_message(nlohmann::json const& body) {
  common::FieldErrors errors;
  NewMessage message;
  auto content = common::required_string(body, "content", {1, kContentMaxLength}, errors);
  auto type = read_message_type(body, errors);
  message.client_message_id =
      common::optional_string(body, "client_message_id", {1, kClientMessageIdMaxLength}, errors);
  if (!errors.empty()) return errors;
  message.content = std::move(*content);
  message.message_type = std::move(*type);
  return message;
}

std::variant<std::string, common::FieldErrors> validate_edit(nlohmann::json const& body) {
  common::FieldErrors errors;
  auto content = common::required_string(body, "content", {1, kContentMaxLength}, errors);
  if (!errors.empty()) return errors;
  return std::move(*content);
}

ChangeRefusal edit_refusal(Message const& message, std::int64_t caller,
                           std::chrono::system_clock::time_point now) {
  if (message.user_id != caller) return ChangeRefusal::kNotAuthor;
  auto const created = kfn::parse_rfc3339(kfn::rfc3339_from_sql(message.created_at));
  // A time we cannot read is treated as long past: refusing is the safe side of the window.
  if (!created || now > *created + kEditWindow) return ChangeRefusal::kEditWindowClosed;
  return ChangeRefusal::kNone;
}

ChangeRefusal delete_refusal(Message const& message, std::int64_t caller) {
  return message.user_id == caller ? ChangeRefusal::kNone : ChangeRefusal::kNotAuthor;
}

}  // namespace chat
