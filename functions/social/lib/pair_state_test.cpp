#include "lib/pair_state.h"

#include <catch2/catch.hpp>

using social::PairState;

namespace {

PairState friends() { return {true, false, false, false, false}; }
PairState self_requested() { return {false, true, false, false, false}; }
PairState other_requested() { return {false, false, true, false, false}; }
PairState self_blocked() { return {false, false, false, true, false}; }
PairState other_blocked() { return {false, false, false, false, true}; }

}  // namespace

TEST_CASE("a request to a stranger creates a pending request", "[pair_state]") {
  CHECK(social::decide_request(PairState{}) == social::RequestOutcome::kCreate);
}

TEST_CASE("a request to someone who asked first makes both friends", "[pair_state]") {
  CHECK(social::decide_request(other_requested()) == social::RequestOutcome::kAcceptTheirs);
}

TEST_CASE("a request is refused when friends already or already pending", "[pair_state]") {
  CHECK(social::decide_request(friends()) == social::RequestOutcome::kAlreadyFriends);
  CHECK(social::decide_request(self_requested()) == social::RequestOutcome::kAlreadyPending);
}

TEST_CASE("a block in either direction refuses a request before anything else", "[pair_state]") {
  CHECK(social::decide_request(self_blocked()) == social::RequestOutcome::kBlocked);
  CHECK(social::decide_request(other_blocked()) == social::RequestOutcome::kBlocked);
  PairState blocked_with_request = other_requested();
  blocked_with_request.other_blocked = true;
  CHECK(social::decide_request(blocked_with_request) == social::RequestOutcome::kBlocked);
}

TEST_CASE("only the addressee of a pending request may answer it", "[pair_state]") {
  CHECK(social::decide_answer(other_requested(), social::Answer::kAccept) == social::AnswerOutcome::kAccept);
  CHECK(social::decide_answer(other_requested(), social::Answer::kReject) == social::AnswerOutcome::kReject);
  // The requester answering their own request finds nothing addressed to them.
  CHECK(social::decide_answer(self_requested(), social::Answer::kAccept) ==
        social::AnswerOutcome::kNoRequest);
  CHECK(social::decide_answer(PairState{}, social::Answer::kReject) == social::AnswerOutcome::kNoRequest);
  CHECK(social::decide_answer(friends(), social::Answer::kAccept) == social::AnswerOutcome::kNoRequest);
}

TEST_CASE("only the requester may cancel, only friends may unfriend", "[pair_state]") {
  CHECK(social::can_cancel(self_requested()));
  CHECK_FALSE(social::can_cancel(other_requested()));
  CHECK_FALSE(social::can_cancel(PairState{}));
  CHECK(social::can_unfriend(friends()));
  CHECK_FALSE(social::can_unfriend(self_requested()));
}

TEST_CASE("blocking twice changes nothing; unblocking needs the caller's own block", "[pair_state]") {
  CHECK(social::decide_block(PairState{}) == social::BlockOutcome::kBlock);
  CHECK(social::decide_block(friends()) == social::BlockOutcome::kBlock);
  CHECK(social::decide_block(other_blocked()) == social::BlockOutcome::kBlock);
  CHECK(social::decide_block(self_blocked()) == social::BlockOutcome::kAlreadyBlocked);
  CHECK(social::can_unblock(self_blocked()));
  CHECK_FALSE(social::can_unblock(other_blocked()));
}
