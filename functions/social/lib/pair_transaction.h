// Runs one change of a pair as a transaction, again when MySQL chose it as a deadlock victim or
// its lock wait timed out: the attempt was rolled back whole, so running it again is safe.
//   return social::with_lock_retry([&] { auto tx = ctx.db().begin(); ...; tx->commit(); return r; });
#pragma once

#include "kfn/errors.h"

namespace social {

inline constexpr int kLockAttempts = 3;

// Deadlock (1213) or lock wait timeout (1205).
inline bool is_lock_conflict(kfn::SqlError const& error) {
  return error.code() == 1213 || error.code() == 1205;
}

// `attempt` begins, and commits or abandons, its own transaction. After the last conflict the
// caller gets kfn::Unavailable, which the runtime answers with 503 and Retry-After.
template <class Attempt>
auto with_lock_retry(Attempt&& attempt) -> decltype(attempt()) {
  for (int tries = 1;; ++tries) {
    try {
      return attempt();
    } catch (kfn::SqlError const& error) {
      if (!is_lock_conflict(error)) throw;
      if (tries == kLockAttempts)
        throw kfn::Unavailable("social: a friend pair stayed locked by concurrent changes");
    }
  }
}

}  // namespace social
