#include "lib/user_lookup.h"

#include <catch2/catch.hpp>

using nlohmann::json;

TEST_CASE("PublicUser has the public fields only", "[user_lookup]") {
  users::Account account;
  account.id = 7;
  account.email = "ann@example.com";
  account.username = "ann";
  account.password_hash = "$argon2id$secret";
  account.display_name = "Ann";
  account.avatar_url = "https://example.com/a.png";
  CHECK(users::public_user_json(account) == json{{"id", 7},
                                                 {"username", "ann"},
                                                 {"display_name", "Ann"},
                                                 {"status_message", nullptr},
                                                 {"avatar_url", "https://example.com/a.png"}});
}

TEST_CASE("user_ids is a bounded list of positive ids", "[user_lookup]") {
  auto ids = users::read_user_ids(std::string("3,1,3"));
  REQUIRE(std::holds_alternative<std::vector<std::int64_t>>(ids));
  CHECK(std::get<std::vector<std::int64_t>>(ids) == std::vector<std::int64_t>{3, 1});

  std::string hundred = "1";
  for (int i = 2; i <= 100; ++i) hundred += "," + std::to_string(i);
  CHECK(std::holds_alternative<std::vector<std::int64_t>>(users::read_user_ids(hundred)));
  for (auto const& bad :
       {std::optional<std::string>(hundred + ",101"), std::optional<std::string>("1,x"),
        std::optional<std::string>("1,,2"), std::optional<std::string>("-1"), std::optional<std::string>()}) {
    auto const result = users::read_user_ids(bad);
    REQUIRE(std::holds_alternative<common::FieldErrors>(result));
    CHECK(std::get<common::FieldErrors>(result).has("user_ids"));
  }
}

TEST_CASE("search takes a 1-50 character query and a limit of 1-50, default 20", "[user_lookup]") {
  auto const defaults = users::read_search_query(std::string("al"), std::nullopt);
  REQUIRE(std::holds_alternative<users::SearchQuery>(defaults));
  CHECK(std::get<users::SearchQuery>(defaults).text == "al");
  CHECK(std::get<users::SearchQuery>(defaults).limit == 20);
  auto const fifty = users::read_search_query(std::string(50, 'a'), std::string("50"));
  REQUIRE(std::holds_alternative<users::SearchQuery>(fifty));
  CHECK(std::get<users::SearchQuery>(fifty).limit == 50);

  struct Case {
    std::optional<std::string> query;
    std::optional<std::string> limit;
    char const* field;
  };
  for (auto const& c :
       {Case{std::nullopt, std::nullopt, "query"}, Case{std::string(), std::nullopt, "query"},
        Case{std::string(51, 'a'), std::nullopt, "query"}, Case{"al", std::string("0"), "limit"},
        Case{"al", std::string("51"), "limit"}, Case{"al", std::string("ten"), "limit"}}) {
    auto const result = users::read_search_query(c.query, c.limit);
    REQUIRE(std::holds_alternative<common::FieldErrors>(result));
    CHECK(std::get<common::FieldErrors>(result).has(c.field));
  }
}

TEST_CASE("like_prefix escapes LIKE's wildcards and its escape character", "[user_lookup]") {
  CHECK(users::like_prefix("al") == "al%");
  CHECK(users::like_prefix("a_b") == "a\\_b%");
  CHECK(users::like_prefix("100%") == "100\\%%");
  CHECK(users::like_prefix("back\\slash") == "back\\\\slash%");
}

TEST_CASE("the username pattern is lower-case, and absent when no username could match", "[user_lookup]") {
  CHECK(users::username_prefix_pattern("Al_1") == "al\\_1%");
  CHECK_FALSE(users::username_prefix_pattern("al ice"));
  CHECK_FALSE(users::username_prefix_pattern("50%"));
  CHECK_FALSE(users::username_prefix_pattern("\xC3\xA9t\xC3\xA9"));
}
