#include "sse_test_support.h"

#include <catch2/catch.hpp>
#include <sstream>

namespace sse_test {

kfn::test::RunnerProcess& sse_runner() {
  static kfn::test::RunnerProcess runner(std::map<std::string, std::string>{
      {"KFN_SSE_TICKET_TTL_MS", std::to_string(kTicketTtlMs)},
      {"KFN_SSE_HEARTBEAT_MS", "1000"},
      {"KFN_SSE_MAX_QUEUE_BYTES", std::to_string(kQueueBound)},
  });
  return runner;
}

std::unique_ptr<SseClient> open_stream(TestUser const& user, std::string const& last_event_id,
                                       int receive_buffer) {
  std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + user.access_token}};
  if (!last_event_id.empty()) headers.emplace_back("Last-Event-ID", last_event_id);
  auto client = std::make_unique<SseClient>(sse_runner().port(), "/events", headers, receive_buffer);
  REQUIRE(client->read_head() == 200);
  return client;
}

std::vector<SseEvent> matching(SseClient const& client, std::string const& event, std::string const& field,
                               nlohmann::json const& value) {
  std::vector<SseEvent> out;
  for (auto const& e : client.of_type(event)) {
    auto const data = e.json();
    if (data.contains(field) && data[field] == value) out.push_back(e);
  }
  return out;
}

double metric(std::string const& series) {
  auto client = sse_runner().client();
  auto const page = client->request("GET", "/metrics", "", {}).body;
  std::istringstream lines(page);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return 0;
}

}  // namespace sse_test
