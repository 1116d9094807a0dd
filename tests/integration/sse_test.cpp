// The SSE edge end to end against the real runner: live events on every stream of each member,
// resume by Last-Event-ID, presence for friends, and the clean end of streams on SIGTERM.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <thread>

#include "chat_test_support.h"
#include "kfn/host/process_log.h"
#include "kfn/host/services.h"
#include "sse_test_support.h"

using namespace sse_test;
using chat_test::befriend;
using chat_test::call;
using chat_test::direct_room;
using kfn::test::register_and_login;

namespace {

std::vector<std::string> contents_of(std::vector<SseEvent> const& events) {
  std::vector<std::string> out;
  for (auto const& e : events) out.push_back(e.json()["content"].get<std::string>());
  return out;
}

std::vector<std::string> sent_in_room(SseClient const& stream, std::int64_t room_id) {
  return contents_of(matching(stream, "message.sent", "room_id", room_id));
}

bool has_content(SseClient const& stream, std::int64_t room_id, std::string const& content) {
  auto const contents = sent_in_room(stream, room_id);
  return std::find(contents.begin(), contents.end(), content) != contents.end();
}

// Waits until notify's friendship projection lets `viewer` see `subject`'s presence (so presence
// events about `subject` reach `viewer`).
void wait_presence_visible(kfn::runner::HttpClient& client, TestUser const& viewer, TestUser const& subject) {
  auto const seen = chat_test::poll(
      [&] { return call(client, viewer, "GET", "/presence?user_ids=" + std::to_string(subject.id)); },
      [&](auto const& r) { return r.status == 200 && !kfn::test::body_of(r)["presence"].empty(); });
  REQUIRE(!kfn::test::body_of(seen)["presence"].empty());
}

bool presence_says(SseClient const& stream, TestUser const& user, bool online) {
  for (auto const& e : stream.of_type("presence.changed")) {
    auto const data = e.json();
    if (data["user_id"] == user.id && data["online"] == online) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("room events reach every stream of every member; a resuming client gets exactly what it missed") {
  auto client = sse_runner().client();
  auto ann = register_and_login(*client, "sa");
  auto bob = register_and_login(*client, "sb");
  auto cat = register_and_login(*client, "sc");
  befriend(*client, ann, bob);
  befriend(*client, cat, bob);
  auto const room_id = direct_room(*client, ann, bob)["id"].get<std::int64_t>();
  wait_presence_visible(*client, cat, bob);

  auto cat_stream = open_stream(cat);
  auto ann_first = open_stream(ann);
  auto ann_second = open_stream(ann);
  auto bob_stream = open_stream(bob);

  // The stream's head stops proxy buffering, and its body opens with the reconnect delay.
  CHECK(bob_stream->header("Content-Type").value_or("").rfind("text/event-stream", 0) == 0);
  CHECK(bob_stream->header("Cache-Control") == "no-cache");
  CHECK(bob_stream->header("X-Accel-Buffering") == "no");
  CHECK(bob_stream->header("Transfer-Encoding") == "chunked");
  REQUIRE(bob_stream->read_until_text("retry: 3000\n\n"));
  CHECK(bob_stream->body().rfind("retry: 3000\n\n", 0) == 0);

  // Bob's friend Cat hears that Bob came online.
  REQUIRE(cat_stream->read_until([&](auto const&) { return presence_says(*cat_stream, bob, true); }));

  REQUIRE(chat_test::send(*client, ann, room_id, "hello").status == 201);
  for (auto* stream : {bob_stream.get(), ann_first.get(), ann_second.get()}) {
    REQUIRE(stream->read_until([&](auto const&) { return has_content(*stream, room_id, "hello"); }));
    auto const message = matching(*stream, "message.sent", "room_id", room_id).front().json();
    CHECK(message["user_id"] == ann.id);
    CHECK(message["seq"] == 1);
    CHECK(message.contains("id"));
    CHECK(message.contains("created_at"));
  }
  auto const bob_last_id = matching(*bob_stream, "message.sent", "room_id", room_id).back().id;
  REQUIRE(!bob_last_id.empty());

  // Bob leaves: Cat hears he went offline.
  bob_stream->close();
  REQUIRE(cat_stream->read_until([&](auto const&) { return presence_says(*cat_stream, bob, false); }));

  for (auto const* text : {"one", "two", "three"})
    REQUIRE(chat_test::send(*client, ann, room_id, text).status == 201);
  REQUIRE(ann_first->read_until([&](auto const&) { return has_content(*ann_first, room_id, "three"); }));

  auto resumed = open_stream(bob, bob_last_id);
  REQUIRE(resumed->read_until([&](auto const&) { return has_content(*resumed, room_id, "three"); }));
  CHECK(sent_in_room(*resumed, room_id) == std::vector<std::string>{"one", "two", "three"});

  // Then live, after the replay, without repeats; ids keep growing across replay and live.
  REQUIRE(chat_test::send(*client, ann, room_id, "four").status == 201);
  REQUIRE(resumed->read_until([&](auto const&) { return has_content(*resumed, room_id, "four"); }));
  CHECK(sent_in_room(*resumed, room_id) == std::vector<std::string>{"one", "two", "three", "four"});
  std::int64_t previous = std::stoll(bob_last_id);
  for (auto const& event : resumed->events()) {
    auto const id = std::stoll(event.id);
    CHECK(id > previous);
    previous = id;
  }
  REQUIRE(ann_second->read_until([&](auto const&) { return has_content(*ann_second, room_id, "four"); }));
  CHECK(sent_in_room(*ann_second, room_id) ==
        std::vector<std::string>{"hello", "one", "two", "three", "four"});
  CHECK(metric("kfn_sse_resumes_total") >= 1);
}

TEST_CASE("an id older than the history starts the stream with event: reset") {
  auto client = sse_runner().client();
  auto dan = register_and_login(*client, "sd");
  auto stream = open_stream(dan, "12345678");
  REQUIRE(stream->read_until([](auto const& events) { return !events.empty(); }));
  CHECK(stream->events().front().event == "reset");
}

TEST_CASE("idle streams get a ping comment") {
  auto client = sse_runner().client();
  auto eve = register_and_login(*client, "se");
  auto stream = open_stream(eve);
  CHECK(stream->read_until_text(": ping\n\n"));
}

TEST_CASE("tickets open one stream each; reused, expired and forged ones get 401") {
  auto client = sse_runner().client();
  auto fay = register_and_login(*client, "sf");
  auto issue = [&] {
    auto const response = call(*client, fay, "POST", "/events/ticket");
    REQUIRE(response.status == 201);
    auto const body = kfn::test::body_of(response);
    CHECK(body["expires_in"] == kTicketTtlMs / 1000);
    return body["ticket"].get<std::string>();
  };
  auto const port = sse_runner().port();

  auto const ticket = issue();
  SseClient first(port, "/events?ticket=" + ticket);
  CHECK(first.read_head() == 200);
  SseClient reused(port, "/events?ticket=" + ticket);
  CHECK(reused.read_head() == 401);

  SseClient forged(port, "/events?ticket=" + std::string(64, 'f'));
  CHECK(forged.read_head() == 401);
  SseClient nothing(port, "/events");
  CHECK(nothing.read_head() == 401);
  CHECK(client->request("POST", "/events/ticket").status == 401);

  // Expiry: the ticket's key leaves Redis by itself (TTL shortened for the test); wait for that.
  auto const expiring = issue();
  auto services = [] {
    kfn::host::ServiceConfig config;
    config.redis_url = std::getenv("KFN_TEST_REDIS_URL");
    static auto log = kfn::host::make_process_logger();
    return kfn::host::Services::create(config, *log);
  }();
  auto const pattern = "kfn:sse:" + sse_runner().schema_prefix() + "ticket:*";
  auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!services->redis().command({"KEYS", pattern}).elements.empty() &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  SseClient expired(port, "/events?ticket=" + expiring);
  CHECK(expired.read_head() == 401);
  // The ticket never shows up in the runner's log.
  CHECK(sse_runner().log().find(ticket) == std::string::npos);
  CHECK(sse_runner().log().find(expiring) == std::string::npos);
}

TEST_CASE("the eleventh stream of a user closes the oldest") {
  auto client = sse_runner().client();
  auto gus = register_and_login(*client, "sg");
  std::vector<std::unique_ptr<SseClient>> streams;
  // Each stream is registered before its first bytes ("retry:") are written, so waiting for them
  // orders the registrations.
  for (int i = 0; i < 11; ++i) {
    streams.push_back(open_stream(gus));
    REQUIRE(streams.back()->read_until_text("retry: 3000\n\n"));
  }
  CHECK(streams.front()->read_until_closed());
  for (std::size_t i = 1; i < streams.size(); ++i) CHECK_FALSE(streams[i]->closed());
}
