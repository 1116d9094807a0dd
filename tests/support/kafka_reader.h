// A test consumer: reads a topic from the beginning (its own random group) so tests can check the
// records functions published, headers and all.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kfn::test {

struct ConsumedRecord {
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  std::string key;
  std::string value;
  std::map<std::string, std::string> headers;  // last value wins for repeated names
};

class KafkaReader {
 public:
  KafkaReader(std::string const& bootstrap, std::string const& topic);
  ~KafkaReader();
  KafkaReader(KafkaReader const&) = delete;
  KafkaReader& operator=(KafkaReader const&) = delete;

  // The first record that satisfies `match`: one read earlier and not taken yet, or polled until
  // `timeout` passes. Records from different partitions arrive in any order, so none is dropped.
  std::optional<ConsumedRecord> find(std::function<bool(ConsumedRecord const&)> const& match,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(20));

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace kfn::test
