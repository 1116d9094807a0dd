// The relation between the caller and one other user, and what each friends route does with it:
// pure functions from the pair's state to an outcome, so every rule is testable without a database.
#pragma once

namespace social {

// Seen from the caller ("self") towards the other user. Read while the pair's lock is held.
struct PairState {
  bool friends = false;
  bool self_requested = false;   // a pending request self -> other
  bool other_requested = false;  // a pending request other -> self
  bool self_blocked = false;     // self blocks other
  bool other_blocked = false;    // other blocks self
};

// POST /friends/request, once the target is known and is not the caller.
enum class RequestOutcome {
  kCreate,          // 201: a new pending request
  kAcceptTheirs,    // 200: the other had asked first, so both become friends
  kBlocked,         // 403 blocked (either direction)
  kAlreadyFriends,  // 409 already_friends
  kAlreadyPending,  // 409 request_pending
};
RequestOutcome decide_request(PairState const& state);

enum class Answer { kAccept, kReject };

// PUT /friends/status/{requester}: only the addressee of a pending request may answer it.
enum class AnswerOutcome { kAccept, kReject, kNoRequest };
AnswerOutcome decide_answer(PairState const& state, Answer answer);

// DELETE /friends/request/{target}: true when the caller has a pending request to withdraw.
bool can_cancel(PairState const& state);

// DELETE /friends/{user_id}: true when the two are friends.
bool can_unfriend(PairState const& state);

// POST /friends/block/{user_id}: blocking twice changes nothing and publishes nothing.
enum class BlockOutcome { kBlock, kAlreadyBlocked };
BlockOutcome decide_block(PairState const& state);

// DELETE /friends/block/{user_id}: true when the caller blocks the other.
bool can_unblock(PairState const& state);

}  // namespace social
