// `kfn serve` started as Knative starts it (env only), fed CloudEvents the way KafkaSource's
// dispatcher sends them, against the test MariaDB and Redis and a mock Kafka cluster in this process.
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <random>

#include "kafka_reader.h"
#include "kfn/host/kafka_record.h"
#include "knative_process.h"
#include "mock_cluster.h"
#include "notify_test_events.h"

using kfn::kafka::testing::MockCluster;
using kfn::test::KnativeProcess;
using nlohmann::json;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string schema_prefix() {
  std::random_device random;
  return "kn" + std::to_string(getpid()) + "_" + std::to_string(random() % 100000) + "_";
}

// What KafkaSource POSTs for a record the chat context published (a CloudEvent in Kafka binary mode):
// the record's own attributes as ce- headers, its value as the body.
Headers message_sent_headers(std::string const& id, std::int64_t room) {
  return {{"ce-specversion", "1.0"},
          {"ce-id", id},
          {"ce-source", "/kfn/chat-message-send"},
          {"ce-type", "MessageSent"},
          {"ce-subject", std::to_string(room)},
          {"ce-partitionkey", std::to_string(room)},
          {"Content-Type", "application/json"}};
}

std::string message_sent_body(std::int64_t room, std::int64_t sender, std::int64_t receiver) {
  auto data = kfn::test::message_sent(room, kfn::test::unique_id(), 1, sender, {sender, receiver},
                                      "hello from knative");
  data["event_type"] = "MessageSent";
  data["occurred_at"] = "2024-05-01T10:00:00Z";
  return data.dump();
}

bool is_record(kfn::test::ConsumedRecord const& record, std::int64_t recipient, std::string const& type) {
  return record.key == std::to_string(recipient) && record.headers.count("ce_type") != 0 &&
         record.headers.at("ce_type") == type;
}

}  // namespace

TEST_CASE("a KafkaSource event makes notify-push publish what it publishes in the local runner") {
  MockCluster cluster(1);
  cluster.create_topic("notification.events", 6);
  KnativeProcess serve(kfn::test::knative_env("notify-push", cluster.bootstrap(), schema_prefix()));
  auto client = serve.client();
  CHECK(client->request("GET", "/health/liveness").status == 200);
  CHECK(client->request("GET", "/health/readiness").status == 200);

  auto const room = kfn::test::unique_id();
  auto const sender = kfn::test::unique_id();
  auto const receiver = kfn::test::unique_id();
  auto const response = client->request("POST", "/", message_sent_body(room, sender, receiver),
                                        message_sent_headers(kfn::host::new_uuid_v4(), room));
  REQUIRE(response.status == 200);

  // One pass over notification.events (partitions interleave): a delivery to each member and the
  // receiver's NotificationCreated, whose row is written in the same transaction (the outbox).
  std::map<std::int64_t, kfn::test::ConsumedRecord> deliveries;
  std::optional<kfn::test::ConsumedRecord> created;
  kfn::test::KafkaReader reader(cluster.bootstrap(), "notification.events");
  reader.find([&](kfn::test::ConsumedRecord const& r) {
    auto data = json::parse(r.value, nullptr, false);
    if (!data.is_object()) return false;
    for (auto const member : {sender, receiver}) {
      if (is_record(r, member, "EventDelivery") && data["event"] == "message.sent" &&
          data["data"]["room_id"] == room)
        deliveries.emplace(member, r);
    }
    if (is_record(r, receiver, "NotificationCreated") && data["notification"]["payload"]["room_id"] == room)
      created = r;
    return deliveries.size() == 2 && created.has_value();
  });
  INFO("kfn serve's log:\n" << serve.log());
  REQUIRE(deliveries.size() == 2);
  for (auto const& [member, delivery] : deliveries)
    CHECK(delivery.headers.at("ce_source") == "/kfn/notify-push");
  REQUIRE(created);
  CHECK(json::parse(created->value)["notification"]["type"] == "message_received");

  // A plain record (KafkaSource's own attributes) of no push type is done.
  {
    Headers plain{{"ce-specversion", "1.0"},
                  {"ce-id", "partition:2/offset:17"},
                  {"ce-source", "/apis/v1/namespaces/kfn/kafkasources/notify-push#message.events"},
                  {"ce-type", "dev.knative.kafka.event"},
                  {"ce-subject", "partition:2#17"},
                  {"ce-key", std::to_string(room)},
                  {"ce-kafkaheadertenant", "acme"},
                  {"Content-Type", "application/json"}};
    CHECK(client->request("POST", "/", R"({"anything":1})", plain).status == 200);
  }
  // A malformed CloudEvent is a 400 with a JSON error naming the problem.
  {
    auto headers = message_sent_headers("x", room);
    headers.erase(headers.begin() + 1);  // no ce-id
    auto const bad = client->request("POST", "/", "{}", headers);
    CHECK(bad.status == 400);
    auto const body = json::parse(bad.body);
    CHECK(body["error"]["code"] == "invalid_cloudevent");
    CHECK(body["error"]["message"] == "missing ce-id header");
  }
  // An event that can never succeed is a 4xx, which the dispatcher dead-letters.
  {
    auto headers = message_sent_headers(kfn::host::new_uuid_v4(), room);
    auto const permanent = client->request("POST", "/", R"({"event_type":"MessageSent"})", headers);
    CHECK(permanent.status == 422);
  }
  CHECK(serve.wait_after_terminate() == 0);
}

TEST_CASE("in Knative mode the CloudEvent types a manifest leaves out are answered done, unrun") {
  // notify-webhook's manifest takes only NotificationCreated of notification.events; KafkaSource has
  // no filter and sends it every per-recipient delivery too.
  MockCluster cluster(1);
  KnativeProcess serve(kfn::test::knative_env("notify-webhook", cluster.bootstrap(), schema_prefix()));
  auto client = serve.client();
  auto invocations = [&] {
    std::string const series = "kfn_invocations_total{function=\"notify-webhook\"} ";
    auto const metrics = client->request("GET", "/metrics").body;
    auto const at = metrics.find(series);
    return at == std::string::npos ? -1.0 : std::stod(metrics.substr(at + series.size()));
  };
  auto event = [](std::string const& type) {
    return Headers{{"ce-specversion", "1.0"},
                   {"ce-id", kfn::host::new_uuid_v4()},
                   {"ce-source", "/kfn/notify-push"},
                   {"ce-type", type},
                   {"Content-Type", "application/json"}};
  };
  auto const recipient = std::to_string(kfn::test::unique_id());

  auto const delivery =
      client->request("POST", "/", R"({"event":"message.sent","data":{}})", event("EventDelivery"));
  CHECK(delivery.status == 200);
  CHECK(json::parse(delivery.body)["status"] == "skipped");
  CHECK(invocations() == 0);

  auto const created = client->request(
      "POST", "/", R"({"recipient_id":)" + recipient + R"(,"notification":{"type":"message_received"}})",
      event("NotificationCreated"));
  CHECK(created.status == 200);
  CHECK(json::parse(created.body)["status"] == "done");
  CHECK(invocations() == 1);
  CHECK(serve.wait_after_terminate() == 0);
}

TEST_CASE("with MySQL down an event is answered 5xx, so KafkaSource retries it") {
  MockCluster cluster(1);
  auto env = kfn::test::knative_env("notify-push", cluster.bootstrap(), schema_prefix());
  env["MYSQL_URL"] = "mysql://root@127.0.0.1:1/";  // nothing listens there
  env["KFN_MIGRATE"] = "0";                        // migrations are a job's concern here
  KnativeProcess serve(env);
  auto client = serve.client();
  auto const room = kfn::test::unique_id();
  auto const response =
      client->request("POST", "/", message_sent_body(room, kfn::test::unique_id(), kfn::test::unique_id()),
                      message_sent_headers(kfn::host::new_uuid_v4(), room));
  CHECK(response.status >= 500);
  CHECK(response.status <= 599);
  CHECK(client->request("GET", "/health/readiness").status == 503);
  CHECK(serve.wait_after_terminate() == 0);
}

TEST_CASE("without the services Knative mode needs, kfn serve says which are missing") {
  std::map<std::string, std::string> env{{"KFN_FUNCTION", "notify-push"},
                                         {"KFN_MANIFESTS", KFN_MANIFESTS_DIR},
                                         {"KFN_LIB_DIR", KFN_FUNCTION_DIR}};
  try {
    KnativeProcess serve(env);
    FAIL("kfn serve started without MYSQL_URL, REDIS_URL and KAFKA_BROKERS");
  } catch (std::runtime_error const& e) {
    CHECK_THAT(e.what(), Catch::Contains("Knative mode needs MYSQL_URL, REDIS_URL, KAFKA_BROKERS"));
  }
}

TEST_CASE("the SSE edge is served alone in Knative mode: its routes answer, and SIGTERM exits 0") {
  MockCluster cluster(1);
  KnativeProcess serve(kfn::test::knative_env("edge-events", cluster.bootstrap(), schema_prefix()));
  auto client = serve.client();
  // Without credentials both routes refuse with 401; unmounted they would be 404.
  CHECK(client->request("GET", "/events").status == 401);
  CHECK(client->request("POST", "/events/ticket").status == 401);
  CHECK(client->request("GET", "/health/liveness").status == 200);
  CHECK(serve.wait_after_terminate() == 0);
}
