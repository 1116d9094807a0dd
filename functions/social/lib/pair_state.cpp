#include "lib/pair_state.h"

namespace social {

RequestOutcome decide_request(PairState const& state) {
  // A block outranks everything else; a block also removed any friendship and requests.
  if (state.self_blocked || state.other_blocked) return RequestOutcome::kBlocked;
  if (state.friends) return RequestOutcome::kAlreadyFriends;
  if (state.self_requested) return RequestOutcome::kAlreadyPending;
  if (state.other_requested) return RequestOutcome::kAcceptTheirs;
  return RequestOutcome::kCreate;
}

AnswerOutcome decide_answer(PairState const& state, Answer answer) {
  if (!state.other_requested) return AnswerOutcome::kNoRequest;
  return answer == Answer::kAccept ? AnswerOutcome::kAccept : AnswerOutcome::kReject;
}

bool can_cancel(PairState const& state) { return state.self_requested; }

bool can_unfriend(PairState const& state) { return state.friends; }

BlockOutcome decide_block(PairState const& state) {
  return state.self_blocked ? BlockOutcome::kAlreadyBlocked : BlockOutcome::kBlock;
}

bool can_unblock(PairState const& state) { return state.self_blocked; }

}  // namespace social
