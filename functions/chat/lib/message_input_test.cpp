#include "lib/message_input.h"

#include <catch2/catch.hpp>

#include "kfn/time.h"

using nlohmann::json;

namespace {

common::FieldErrors errors_of(std::variant<chat::NewMessage, common::FieldErrors> const& result) {
  REQUIRE(std::holds_alternative<common::FieldErrors>(result));
  return std::get<common::FieldErrors>(result);
}

chat::Message sent_at(std::string created_at, std::int64_t author) {
  chat::Message message;
  message.user_id = author;
  message.created_at = std::move(created_at);
  return message;
}

std::chrono::system_clock::time_point at(char const* rfc3339) { return *kfn::parse_rfc3339(rfc3339); }

}  // namespace

TEST_CASE("a new message defaults to text and keeps its client_message_id", "[message-input]") {
  auto result = chat::validate_new_message(json{{"content", "hi"}, {"client_message_id", "c-1"}});
  REQUIRE(std::holds_alternative<chat::NewMessage>(result));
  auto const& message = std::get<chat::NewMessage>(result);
  CHECK(message.content == "hi");
  CHECK(message.message_type == "text");
  CHECK(message.client_message_id == "c-1");
}

TEST_CASE("a new message accepts the three message types and no other", "[message-input]") {
  for (char const* type : {"text", "image", "file"}) {
    auto result = chat::validate_new_message(json{{"content", "x"}, {"message_type", type}});
    REQUIRE(std::holds_alternative<chat::NewMessage>(result));
    CHECK(std::get<chat::NewMessage>(result).message_type == type);
  }
  for (json const& type : {json("video"), json(1), json("TEXT")}) {
    CHECK(errors_of(chat::validate_new_message(json{{"content", "x"}, {"message_type", type}}))
              .has("message_type"));
  }
}

TEST_CASE("content is 1 to 4000 characters, counted as code points", "[message-input]") {
  CHECK(errors_of(chat::validate_new_message(json::object())).has("content"));
  CHECK(errors_of(chat::validate_new_message(json{{"content", ""}})).has("content"));
  CHECK(errors_of(chat::validate_new_message(json{{"content", 5}})).has("content"));
  CHECK(errors_of(chat::validate_new_message(json{{"content", std::string(4001, 'a')}})).has("content"));
  std::string emoji;
  for (int i = 0; i < 4000; ++i) emoji += "\xF0\x9F\x98\x80";
  CHECK(std::holds_alternative<chat::NewMessage>(chat::validate_new_message(json{{"content", emoji}})));
}

TEST_CASE("client_message_id is at most 64 characters", "[message-input]") {
  auto const too_long = json{{"content", "x"}, {"client_message_id", std::string(65, 'c')}};
  CHECK(errors_of(chat::validate_new_message(too_long)).has("client_message_id"));
  auto const fits = json{{"content", "x"}, {"client_message_id", std::string(64, 'c')}};
  CHECK(std::holds_alternative<chat::NewMessage>(chat::validate_new_message(fits)));
  auto const null_id = chat::validate_new_message(json{{"content", "x"}, {"client_message_id", nullptr}});
  CHECK_FALSE(std::get<chat::NewMessage>(null_id).client_message_id.has_value());
}

TEST_CASE("an edit needs new content within the same bounds", "[message-input]") {
  CHECK(std::get<std::string>(chat::validate_edit(json{{"content", "new"}})) == "new");
  CHECK(std::holds_alternative<common::FieldErrors>(chat::validate_edit(json{{"content", ""}})));
  CHECK(std::holds_alternative<common::FieldErrors>(chat::validate_edit(json::object())));
}

TEST_CASE("the author may edit until 15 minutes after sending, inclusive", "[message-input]") {
  auto const message = sent_at("2026-11-21 12:00:00.000", 7);
  CHECK(chat::edit_refusal(message, 7, at("2026-11-21T12:00:00.000Z")) == chat::ChangeRefusal::kNone);
  CHECK(chat::edit_refusal(message, 7, at("2026-11-21T12:15:00.000Z")) == chat::ChangeRefusal::kNone);
  CHECK(chat::edit_refusal(message, 7, at("2026-11-21T12:15:00.001Z")) ==
        chat::ChangeRefusal::kEditWindowClosed);
}

TEST_CASE("only the author edits or deletes", "[message-input]") {
  auto const message = sent_at("2026-11-21 12:00:00.000", 7);
  CHECK(chat::edit_refusal(message, 8, at("2026-11-21T12:00:01.000Z")) == chat::ChangeRefusal::kNotAuthor);
  CHECK(chat::delete_refusal(message, 8) == chat::ChangeRefusal::kNotAuthor);
  CHECK(chat::delete_refusal(message, 7) == chat::ChangeRefusal::kNone);
}
