#include "outbox_relay.h"

#include <librdkafka/rdkafka_mock.h>

#include <catch2/catch.hpp>
#include <thread>

#include "kfn/host/mock_kafka.h"
#include "migrations.h"
#include "schema_database.h"
#include "services_test_support.h"

using namespace kfn::host;
using kfn::DomainEvent;
using kfn::host::testing::eventually;
using kfn::host::testing::high_watermark;
using kfn::host::testing::MemoryLogger;
using kfn::host::testing::read_topic;
using kfn::host::testing::ScratchSchema;
using kfn::host::testing::test_mysql;

namespace {

constexpr char kTopic[] = "room.events";

std::string header(KafkaRecord const& record, std::string const& name) {
  for (auto const& [key, value] : record.headers) {
    if (key == name) return value;
  }
  return "<missing>";
}

// A schema with the runtime tables, a mock cluster, and the relay between them.
struct OutboxFixture {
  ScratchSchema schema{"kfn_test_outbox"};
  MemoryLogger log;
  MockKafka kafka;
  MysqlPool pool{test_mysql(schema.name()), 8};
  KafkaProducer producer{ProducerSettings{kafka.bootstrap()}, log};
  OutboxRelay relay{test_mysql(schema.name()), producer,
                    OutboxRelaySettings{std::chrono::milliseconds(100), std::chrono::milliseconds(300)}, log};
  MysqlSchemaDatabase database{pool, &relay};

  OutboxFixture() {
    kafka.create_topic(kTopic, 1);
    MysqlConnection admin(test_mysql());
    migrate_schema(admin, schema.name(), {}, log);
    database.execute("CREATE TABLE counters (id INT PRIMARY KEY, value BIGINT NOT NULL)", {});
    database.execute("INSERT INTO counters VALUES (1, 0)", {});
  }
  // Delivery callbacks point at the relay: the producer must be done with them first.
  ~OutboxFixture() { producer.close(std::chrono::seconds(2)); }

  void publish_and_commit(std::string const& key, nlohmann::json data) {
    auto transaction =
        database.begin({"chat-send", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"});
    transaction->publish(DomainEvent{kTopic, key, "MessageSent", std::move(data)});
    transaction->commit();
  }

  std::int64_t outbox_rows() {
    return database.execute("SELECT COUNT(*) FROM kfn_outbox", {}).rows.at(0).int64(0);
  }
};

}  // namespace

TEST_CASE("outbox event committed with its transaction reaches Kafka as a CloudEvent and leaves the outbox") {
  OutboxFixture fixture;
  fixture.publish_and_commit("room-1", {{"room_id", 1}, {"content", "hello"}});

  auto const records = read_topic(fixture.kafka.bootstrap(), kTopic, 1);
  REQUIRE(records.size() == 1);
  auto const& record = records[0];
  CHECK(record.key == "room-1");
  CHECK(header(record, "ce_specversion") == "1.0");
  CHECK(header(record, "ce_type") == "MessageSent");
  CHECK(header(record, "ce_source") == "/kfn/chat-send");
  CHECK(header(record, "ce_subject") == "room-1");
  CHECK(header(record, "traceparent") == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  auto const value = nlohmann::json::parse(record.value);
  CHECK(value["content"] == "hello");
  CHECK(value["event_type"] == "MessageSent");
  CHECK(eventually([&] { return fixture.outbox_rows() == 0; }));
}

TEST_CASE("outbox event of a rolled-back transaction is never published") {
  OutboxFixture fixture;
  {
    auto transaction = fixture.database.begin({"chat-send", ""});
    transaction->publish(DomainEvent{kTopic, "room-1", "MessageSent", {{"content", "rolled back"}}});
  }
  // Rows are produced in order, so had the first one gone out it would come before this marker.
  fixture.publish_and_commit("room-1", {{"content", "marker"}});
  auto const records = read_topic(fixture.kafka.bootstrap(), kTopic, 1);
  REQUIRE(records.size() == 1);
  CHECK(nlohmann::json::parse(records[0].value)["content"] == "marker");
  CHECK(eventually([&] { return fixture.outbox_rows() == 0; }));
  CHECK(high_watermark(fixture.kafka.bootstrap(), kTopic) == 1);
}

TEST_CASE("outbox rows left by a crash after commit are published exactly once by the sweeper") {
  OutboxFixture fixture;
  fixture.relay.simulate_crash_after_commit(true);
  fixture.publish_and_commit("room-9", {{"content", "survived"}});

  REQUIRE(eventually([&] { return fixture.outbox_rows() == 0; }));  // swept, delivered, deleted
  CHECK(high_watermark(fixture.kafka.bootstrap(), kTopic) == 1);
  auto const records = read_topic(fixture.kafka.bootstrap(), kTopic, 1);
  REQUIRE(records.size() == 1);
  CHECK(nlohmann::json::parse(records[0].value)["content"] == "survived");
  CHECK(header(records[0], "ce_type") == "MessageSent");
}

TEST_CASE("outbox rows waiting for a broker that is down are not swept twice") {
  OutboxFixture fixture;
  fixture.publish_and_commit("room-1", {{"seq", 0}});
  REQUIRE(eventually([&] { return fixture.outbox_rows() == 0; }));

  rd_kafka_mock_broker_set_down(fixture.kafka.cluster(), 1);
  fixture.publish_and_commit("room-1", {{"seq", 1}});
  // Long enough for several sweeps to have seen the row as old.
  REQUIRE(eventually([&] {
    return fixture.database
               .execute(
                   "SELECT COUNT(*) FROM kfn_outbox WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL 1 SECOND",
                   {})
               .rows.at(0)
               .int64(0) == 1;
  }));
  REQUIRE(eventually([&] { return fixture.relay.backlog() == 1; }));
  rd_kafka_mock_broker_set_up(fixture.kafka.cluster(), 1);

  REQUIRE(eventually([&] { return fixture.outbox_rows() == 0; }));
  CHECK(high_watermark(fixture.kafka.bootstrap(), kTopic) == 2);
}

TEST_CASE("outbox events of transactions serialized on one row arrive in commit order") {
  OutboxFixture fixture;
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto transaction = fixture.database.begin({"chat-send", ""});
        auto const current =
            transaction->execute("SELECT value FROM counters WHERE id = 1 FOR UPDATE").rows.at(0).int64(0);
        transaction->execute("UPDATE counters SET value = ? WHERE id = 1", {current + 1});
        transaction->publish(DomainEvent{kTopic, "room-1", "MessageSent", {{"seq", current + 1}}});
        transaction->commit();
      }
    });
  }
  for (auto& writer : writers) writer.join();

  auto const records = read_topic(fixture.kafka.bootstrap(), kTopic, kThreads * kEach);
  REQUIRE(records.size() == kThreads * kEach);
  for (std::size_t i = 0; i < records.size(); ++i) {
    CHECK(nlohmann::json::parse(records[i].value)["seq"] == static_cast<std::int64_t>(i + 1));
  }
  CHECK(eventually([&] { return fixture.outbox_rows() == 0; }));
}

TEST_CASE("publish_all writes many events in one go; all arrive in order, each with its own traceparent") {
  OutboxFixture fixture;
  constexpr int kEvents = 37;  // more than one multi-row statement, and not a power of two
  std::vector<DomainEvent> events;
  for (int i = 0; i < kEvents; ++i) {
    DomainEvent event{kTopic, "room-1", "MessageSent", {{"n", i}}};
    if (i % 2 == 1)
      event.traceparent =
          "00-0af7651916cd43dd8448eb211c80319c-00000000000000" + std::to_string(10 + i) + "-01";
    events.push_back(std::move(event));
  }
  auto transaction =
      fixture.database.begin({"chat-send", "00-11111111111111111111111111111111-2222222222222222-01"});
  transaction->publish_all(std::move(events));
  transaction->commit();

  auto const records = read_topic(fixture.kafka.bootstrap(), kTopic, kEvents);
  REQUIRE(records.size() == kEvents);
  for (int i = 0; i < kEvents; ++i) {
    CHECK(nlohmann::json::parse(records[i].value)["n"] == i);
    auto const expected =
        i % 2 == 1 ? "00-0af7651916cd43dd8448eb211c80319c-00000000000000" + std::to_string(10 + i) + "-01"
                   : std::string("00-11111111111111111111111111111111-2222222222222222-01");
    CHECK(header(records[i], "traceparent") == expected);
  }
  CHECK(eventually([&] { return fixture.outbox_rows() == 0; }));
}

TEST_CASE("events published one by one are written to the outbox together at commit, in order") {
  OutboxFixture fixture;
  // One connection, so the session counters read before and after are the transaction's own.
  MysqlPool single_connection{test_mysql(fixture.schema.name()), 1};
  MysqlSchemaDatabase database{single_connection, &fixture.relay};
  auto const inserts_so_far = [&] {
    return std::stoll(database.execute("SHOW SESSION STATUS LIKE 'Com_insert'", {}).rows.at(0).str(1));
  };
  constexpr int kEvents = 10;  // what notify-push publishes for one message to a room of ten
  auto const publish_and_commit = [&](int first) {
    auto transaction =
        database.begin({"notify-push", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"});
    for (int i = first; i < first + kEvents; ++i)
      transaction->publish(DomainEvent{kTopic, "user-" + std::to_string(i), "MessageSent", {{"n", i}}});
    transaction->commit();
  };                      // ending the transaction gives the one connection back
  publish_and_commit(0);  // the first one also prepares the statement, which the counter counts too
  auto const before = inserts_so_far();
  publish_and_commit(kEvents);
  // 8 + 2 rows: multi-row chunks are powers of two (kfn/multi_row_insert.h). One insert per publish
  // would be 10.
  CHECK(inserts_so_far() - before == 2);

  auto const records = read_topic(fixture.kafka.bootstrap(), kTopic, 2 * kEvents);
  REQUIRE(records.size() == 2 * kEvents);
  for (int i = 0; i < 2 * kEvents; ++i) CHECK(nlohmann::json::parse(records[i].value)["n"] == i);
}
