#include "lib/pair_transaction.h"

#include <catch2/catch.hpp>

TEST_CASE("a lock conflict is retried and the result of the attempt that succeeds returned", "[pair_tx]") {
  int attempts = 0;
  int const result = social::with_lock_retry([&] {
    if (++attempts < social::kLockAttempts) throw kfn::SqlError("deadlock", 1213);
    return 42;
  });
  CHECK(result == 42);
  CHECK(attempts == social::kLockAttempts);
}

TEST_CASE("lasting lock conflicts become Unavailable; other errors pass through at once", "[pair_tx]") {
  int attempts = 0;
  CHECK_THROWS_AS(social::with_lock_retry([&]() -> int {
                    ++attempts;
                    throw kfn::SqlError("lock wait timeout", 1205);
                  }),
                  kfn::Unavailable);
  CHECK(attempts == social::kLockAttempts);

  attempts = 0;
  CHECK_THROWS_AS(social::with_lock_retry([&]() -> int {
                    ++attempts;
                    throw kfn::SqlError("duplicate", 1062);
                  }),
                  kfn::SqlError);
  CHECK(attempts == 1);
}
