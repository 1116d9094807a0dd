// Helpers for the SSE edge's end-to-end tests: one runner with short ticket TTL, heartbeat and queue
// bound, streams opened as a user, and waits on what streams receive.
#pragma once

#include <memory>
#include <string>

#include "runner_process.h"
#include "sse_client.h"
#include "test_users.h"

namespace sse_test {

using kfn::test::SseClient;
using kfn::test::SseEvent;
using kfn::test::TestUser;

inline constexpr int kTicketTtlMs = 1500;
inline constexpr int kQueueBound = 64 * 1024;

// The runner these tests share: KFN_SSE_TICKET_TTL_MS, KFN_SSE_HEARTBEAT_MS (1 s: pings and
// presence renewals show up quickly) and KFN_SSE_MAX_QUEUE_BYTES set small.
kfn::test::RunnerProcess& sse_runner();

// GET /events as `user` with a Bearer token (and Last-Event-ID when given); REQUIREs 200.
std::unique_ptr<SseClient> open_stream(TestUser const& user, std::string const& last_event_id = {},
                                       int receive_buffer = 0);

// The events of that type whose data has `field` equal to `value`.
std::vector<SseEvent> matching(SseClient const& client, std::string const& event, std::string const& field,
                               nlohmann::json const& value);

// The runner's /metrics value of a series (0 when absent).
double metric(std::string const& series);

}  // namespace sse_test
