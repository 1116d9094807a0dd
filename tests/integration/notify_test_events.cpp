// Producing domain events for the notify tests.
#include "notify_test_events.h"

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <ctime>
#include <memory>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace kfn::test {
namespace {

using nlohmann::json;

std::string now_rfc3339() {
  auto const now = std::chrono::system_clock::now();
  auto const millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t const seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char with_millis[40];
  std::snprintf(with_millis, sizeof with_millis, "%s.%03dZ", text, static_cast<int>(millis));
  return with_millis;
}

std::string random_uuid() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_int_distribution<int> hex(0, 15);
  std::string id = "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx";
  for (char& c : id) {
    if (c == 'x') c = "0123456789abcdef"[hex(random)];
  }
  return id;
}

void on_delivery(rd_kafka_t*, rd_kafka_message_t const* message, void* opaque) {
  if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) static_cast<std::atomic<int>*>(opaque)->fetch_add(1);
}

}  // namespace

struct EventProducer::Impl {
  std::atomic<int> failures{0};
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> producer{nullptr, &rd_kafka_destroy};
};

EventProducer::EventProducer(std::string const& bootstrap) : impl_(new Impl) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), error, sizeof error) !=
      RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    delete impl_;
    throw std::runtime_error(error);
  }
  rd_kafka_conf_set_dr_msg_cb(conf, &on_delivery);
  rd_kafka_conf_set_opaque(conf, &impl_->failures);
  impl_->producer.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error));
  if (!impl_->producer) {
    rd_kafka_conf_destroy(conf);  // rd_kafka_new keeps it only on success
    delete impl_;
    throw std::runtime_error(error);
  }
}

EventProducer::~EventProducer() {
  rd_kafka_flush(impl_->producer.get(), 5000);
  delete impl_;
}

std::string EventProducer::produce(std::string const& topic, std::string const& key, std::string const& type,
                                   json data, std::string ce_id) {
  if (ce_id.empty()) ce_id = random_uuid();
  std::string const time = now_rfc3339();
  data["event_type"] = type;
  data["occurred_at"] = time;
  std::string const value = data.dump();
  std::vector<std::pair<std::string, std::string>> const headers{
      {"ce_specversion", "1.0"},
      {"ce_id", ce_id},
      {"ce_source", "/kfn/notify-integration-test"},
      {"ce_type", type},
      {"ce_time", time},
      {"ce_subject", key},
      {"content-type", "application/json"}};
  std::vector<rd_kafka_vu_t> fields(4 + headers.size());
  fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
  fields[0].u.cstr = topic.c_str();
  fields[1].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
  fields[1].u.i = RD_KAFKA_MSG_F_COPY;
  fields[2].vtype = RD_KAFKA_VTYPE_KEY;
  fields[2].u.mem = {const_cast<char*>(key.data()), key.size()};
  fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
  fields[3].u.mem = {const_cast<char*>(value.data()), value.size()};
  for (std::size_t i = 0; i < headers.size(); ++i) {
    fields[4 + i].vtype = RD_KAFKA_VTYPE_HEADER;
    fields[4 + i].u.header = {headers[i].first.c_str(), headers[i].second.data(),
                              static_cast<ssize_t>(headers[i].second.size())};
  }
  std::unique_ptr<rd_kafka_error_t, decltype(&rd_kafka_error_destroy)> error(
      rd_kafka_produceva(impl_->producer.get(), fields.data(), fields.size()), &rd_kafka_error_destroy);
  if (error) throw std::runtime_error(std::string("produce failed: ") + rd_kafka_error_string(error.get()));
  if (rd_kafka_flush(impl_->producer.get(), 10000) != RD_KAFKA_RESP_ERR_NO_ERROR ||
      impl_->failures.load() != 0) {
    throw std::runtime_error("the record was not acknowledged");
  }
  return ce_id;
}

std::int64_t unique_id() {
  static std::atomic<std::int64_t> next{[] {
    std::random_device rd;
    return static_cast<std::int64_t>(1'000'000'000'000 +
                                     (static_cast<std::int64_t>(rd()) % 1'000'000) * 1'000'000);
  }()};
  return next++;
}

json user_snapshot(std::int64_t id) {
  return {{"id", id},
          {"username", "user" + std::to_string(id)},
          {"display_name", "User " + std::to_string(id)},
          {"status_message", nullptr},
          {"avatar_url", nullptr}};
}

json friend_request_sent(std::int64_t requester, std::int64_t target) {
  return {{"user_id", requester},
          {"requester_id", requester},
          {"target_user_id", target},
          {"requester", user_snapshot(requester)},
          {"created_at", now_rfc3339()}};
}

json friend_request_accepted(std::int64_t requester, std::int64_t target) {
  return {{"user_id", target},
          {"requester_id", requester},
          {"target_user_id", target},
          {"requester", user_snapshot(requester)},
          {"target", user_snapshot(target)},
          {"created_at", now_rfc3339()}};
}

json message_sent(std::int64_t room, std::int64_t message_id, std::int64_t seq, std::int64_t sender,
                  std::vector<std::int64_t> const& members, std::string const& content) {
  json const message = {{"id", message_id},
                        {"room_id", room},
                        {"seq", seq},
                        {"user_id", sender},
                        {"content", content},
                        {"message_type", "text"},
                        {"client_message_id", nullptr},
                        {"created_at", now_rfc3339()},
                        {"edited_at", nullptr},
                        {"deleted", false}};
  return {{"room_id", room},   {"message_id", message_id}, {"seq", seq},
          {"user_id", sender}, {"member_ids", members},    {"message", message}};
}

json online_status(std::int64_t user, bool online) {
  return {{"user_id", user}, {"online", online}, {"last_seen_at", now_rfc3339()}};
}

bool eventually(std::function<bool()> const& check, std::chrono::milliseconds timeout) {
  auto const give_up = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (check()) return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace kfn::test
