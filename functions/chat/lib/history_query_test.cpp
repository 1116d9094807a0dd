#include "lib/history_query.h"

#include <catch2/catch.hpp>

using chat::PageDirection;

namespace {

kfn::HttpRequest get(std::string query) {
  kfn::HttpRequest req;
  req.method = "GET";
  req.query = std::move(query);
  return req;
}

std::string error_code(kfn::HttpResponse const& response) {
  return nlohmann::json::parse(response.body)["error"]["code"].get<std::string>();
}

std::vector<chat::Message> messages_with_seqs(std::vector<std::int64_t> const& seqs) {
  std::vector<chat::Message> messages;
  for (auto const seq : seqs) {
    chat::Message message;
    message.seq = seq;
    messages.push_back(message);
  }
  return messages;
}

}  // namespace

TEST_CASE("history without a cursor pages newest first from the end, 50 at a time", "[history]") {
  auto query = chat::parse_history_query(get(""));
  REQUIRE(query.ok());
  CHECK(query.value().direction == PageDirection::kNewestFirst);
  CHECK(query.value().bound == std::numeric_limits<std::int64_t>::max());
  CHECK(query.value().limit == 50);
}

TEST_CASE("history with before_seq pages newest first below it", "[history]") {
  auto query = chat::parse_history_query(get("before_seq=40&limit=10"));
  REQUIRE(query.ok());
  CHECK(query.value().direction == PageDirection::kNewestFirst);
  CHECK(query.value().bound == 40);
  CHECK(query.value().limit == 10);
}

TEST_CASE("history with after_seq pages oldest first above it", "[history]") {
  auto query = chat::parse_history_query(get("after_seq=0&limit=100"));
  REQUIRE(query.ok());
  CHECK(query.value().direction == PageDirection::kOldestFirst);
  CHECK(query.value().bound == 0);
  CHECK(query.value().limit == 100);
}

TEST_CASE("history refuses malformed numbers with 400 and out-of-range ones with 422", "[history]") {
  for (char const* text :
       {"limit=abc", "limit=-1", "before_seq=1.5", "after_seq=", "limit=99999999999999999999"}) {
    auto query = chat::parse_history_query(get(text));
    REQUIRE_FALSE(query.ok());
    CHECK(query.response().status == 400);
    CHECK(error_code(query.response()) == "invalid_parameter");
  }
  for (char const* text : {"limit=0", "limit=101", "before_seq=5&after_seq=2"}) {
    auto query = chat::parse_history_query(get(text));
    REQUIRE_FALSE(query.ok());
    CHECK(query.response().status == 422);
  }
}

TEST_CASE("make_page drops the extra row and reports that more exist", "[history]") {
  auto full = chat::make_page(messages_with_seqs({9, 8, 7}), 2);
  CHECK(full.has_more);
  REQUIRE(full.messages.size() == 2);
  CHECK(full.messages.back().seq == 8);

  auto last = chat::make_page(messages_with_seqs({2, 1}), 2);
  CHECK_FALSE(last.has_more);
  CHECK(last.messages.size() == 2);
}
