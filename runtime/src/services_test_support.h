// Shared by the services tests: where the real MariaDB and Redis are (from the environment, failing
// clearly when unset), unique names per run, a quiet logger, and a reader for mock-Kafka topics.
#pragma once

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kafka_holders.h"
#include "kfn/host/kafka_record.h"
#include "kfn/log.h"
#include "mysql_connection.h"
#include "mysql_url.h"

namespace kfn::host::testing {

inline std::string required_env(char const* name) {
  char const* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    FAIL(name
         << " is not set; point it at a dev server, e.g. KFN_TEST_MYSQL_URL=mysql://root@127.0.0.1:13306/ "
            "KFN_TEST_REDIS_URL=redis://127.0.0.1:16379");
  }
  return value;
}

// Distinct per process and per call, so parallel runs never share a schema, key or topic.
inline std::string unique_name(std::string const& prefix) {
  static std::atomic<int> counter{0};
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

inline MysqlSettings test_mysql(std::string const& schema = {}) {
  MysqlSettings settings;
  settings.url = parse_mysql_url(required_env("KFN_TEST_MYSQL_URL"));
  settings.schema = schema;
  return settings;
}

// Creates a schema for one test and drops it afterwards.
class ScratchSchema {
 public:
  explicit ScratchSchema(std::string const& prefix) : name_(unique_name(prefix)) {
    MysqlConnection admin(test_mysql());
    admin.run("CREATE DATABASE `" + name_ + "` CHARACTER SET utf8mb4");
  }
  ~ScratchSchema() {
    try {
      MysqlConnection admin(test_mysql());
      admin.run("DROP DATABASE IF EXISTS `" + name_ + "`");
    } catch (...) {
    }
  }
  ScratchSchema(ScratchSchema const&) = delete;
  ScratchSchema& operator=(ScratchSchema const&) = delete;
  [[nodiscard]] std::string const& name() const { return name_; }

 private:
  std::string name_;
};

// A fresh folder under the system temp dir, removed with everything in it afterwards.
class TempDir {
 public:
  TempDir() : path_(std::filesystem::temp_directory_path() / unique_name("kfn_test")) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(TempDir const&) = delete;
  TempDir& operator=(TempDir const&) = delete;
  [[nodiscard]] std::filesystem::path const& path() const { return path_; }
  void write(std::string const& name, std::string const& contents) const {
    std::ofstream(path_ / name, std::ios::binary | std::ios::trunc) << contents;
  }

 private:
  std::filesystem::path path_;
};

// Keeps lines so tests can look at them; prints nothing.
class MemoryLogger final : public Logger {
 public:
  void log(LogLevel /*level*/, std::string_view message, nlohmann::json const& fields) override {
    std::lock_guard lock(mutex_);
    lines_.push_back(std::string(message) + " " + fields.dump());
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// Polls `condition` until it holds or `timeout` passes; the result is the last evaluation.
inline bool eventually(std::function<bool()> const& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
  auto const deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// Reads a one-partition topic from the beginning until `count` records arrived or `timeout` passed.
inline std::vector<KafkaRecord> read_topic(std::string const& bootstrap, std::string const& topic,
                                           std::size_t count,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
  auto consumer = make_kafka_handle(RD_KAFKA_CONSUMER, make_kafka_conf({{"bootstrap.servers", bootstrap},
                                                                        {"group.id", unique_name("reader")},
                                                                        {"enable.auto.commit", "false"}}));
  KafkaPartitionListHandle partitions(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(partitions.get(), topic.c_str(), 0)->offset = RD_KAFKA_OFFSET_BEGINNING;
  REQUIRE(rd_kafka_assign(consumer.get(), partitions.get()) == RD_KAFKA_RESP_ERR_NO_ERROR);
  std::vector<KafkaRecord> records;
  auto const deadline = std::chrono::steady_clock::now() + timeout;
  while (records.size() < count && std::chrono::steady_clock::now() < deadline) {
    KafkaMessageHandle message(rd_kafka_consumer_poll(consumer.get(), 100));
    if (!message || message->err != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
    KafkaRecord record{topic,
                       std::string(static_cast<char const*>(message->key), message->key_len),
                       std::string(static_cast<char const*>(message->payload), message->len),
                       {}};
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(message.get(), &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      char const* name = nullptr;
      void const* value = nullptr;
      std::size_t size = 0;
      for (std::size_t i = 0;
           rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
        record.headers.emplace_back(name, std::string(static_cast<char const*>(value), size));
      }
    }
    records.push_back(std::move(record));
  }
  rd_kafka_consumer_close(consumer.get());
  return records;
}

// Records ever written to partition 0 of `topic`: duplicates would show here.
inline std::int64_t high_watermark(std::string const& bootstrap, std::string const& topic) {
  auto client = make_kafka_handle(RD_KAFKA_PRODUCER, make_kafka_conf({{"bootstrap.servers", bootstrap}}));
  std::int64_t low = 0;
  std::int64_t high = 0;
  REQUIRE(rd_kafka_query_watermark_offsets(client.get(), topic.c_str(), 0, &low, &high, 5000) ==
          RD_KAFKA_RESP_ERR_NO_ERROR);
  return high;
}

}  // namespace kfn::host::testing
