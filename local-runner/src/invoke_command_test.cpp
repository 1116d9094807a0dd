#include "invoke_command.h"

#include <catch2/catch.hpp>

using kfn::runner::fill_path_template;

TEST_CASE("fill_path_template substitutes every parameter") {
  CHECK(fill_path_template("/messages/{room_id}/{message_id}", {{"message_id", "7"}, {"room_id", "42"}}) ==
        "/messages/42/7");
  CHECK(fill_path_template("/health", {}) == "/health");
}

TEST_CASE("fill_path_template percent-encodes values so they cannot add path segments") {
  CHECK(fill_path_template("/users/{id}", {{"id", "../admin x"}}) == "/users/..%2Fadmin%20x");
}

TEST_CASE("fill_path_template names a missing parameter") {
  CHECK_THROWS_WITH(fill_path_template("/users/{id}", {}), Catch::Contains("--param id="));
}
