// The process logger: one JSON line per call on stderr through one spdlog logger, with sensitive
// fields redacted however they got there.
#include "kfn/host/process_log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

#include "kfn/time.h"

namespace kfn::host {
namespace {

using OrderedJson = nlohmann::ordered_json;

bool is_sensitive(std::string const& key) {
  static constexpr std::array<std::string_view, 5> kWords{"password", "token", "secret", "ticket",
                                                          "authorization"};
  std::string lower(key.size(), '\0');
  std::transform(key.begin(), key.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

// Copies `value` into insertion-ordered JSON, redacting sensitive keys at every depth.
OrderedJson redacted(nlohmann::json const& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object: {
      OrderedJson out = OrderedJson::object();
      for (auto const& [key, item] : value.items())
        out[key] = is_sensitive(key) ? OrderedJson("[redacted]") : redacted(item);
      return out;
    }
    case Type::array: {
      OrderedJson out = OrderedJson::array();
      for (auto const& item : value) out.push_back(redacted(item));
      return out;
    }
    case Type::string:
      return value.get<std::string>();
    case Type::boolean:
      return value.get<bool>();
    case Type::number_integer:
      return value.get<std::int64_t>();
    case Type::number_unsigned:
      return value.get<std::uint64_t>();
    case Type::number_float:
      return value.get<double>();
    default:
      return nullptr;
  }
}

char const* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

// Every process logger shares this one spdlog logger, whose sink serializes whole lines.
std::shared_ptr<spdlog::logger> stderr_logger() {
  static auto const logger = [] {
    auto created = std::make_shared<spdlog::logger>("kfn", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    created->set_pattern("%v");
    created->set_level(spdlog::level::trace);
    return created;
  }();
  return logger;
}

class JsonLineLogger : public Logger {
 public:
  explicit JsonLineLogger(LogLevel min_level) : min_level_(min_level), sink_(stderr_logger()) {}

  void log(LogLevel level, std::string_view message, nlohmann::json const& fields) override {
    if (level < min_level_) return;
    OrderedJson line = {{"ts", format_rfc3339(std::chrono::system_clock::now())},
                        {"level", level_name(level)},
                        {"msg", std::string(message)}};
    OrderedJson extra = redacted(fields.is_object() ? fields : nlohmann::json{{"fields", fields}});
    for (auto& [key, value] : extra.items()) {
      if (!line.contains(key)) line[key] = std::move(value);  // ts, level and msg cannot be overridden
    }
    sink_->log(spdlog::level::info, line.dump(-1, ' ', false, OrderedJson::error_handler_t::replace));
  }

 private:
  LogLevel min_level_;
  std::shared_ptr<spdlog::logger> sink_;
};

class FieldsLogger : public Logger {
 public:
  FieldsLogger(std::shared_ptr<Logger> parent, nlohmann::json base)
      : parent_(std::move(parent)), base_(std::move(base)) {}

  void log(LogLevel level, std::string_view message, nlohmann::json const& fields) override {
    nlohmann::json merged = base_;
    if (fields.is_object()) {
      merged.update(fields);
    } else if (!fields.is_null()) {
      merged["fields"] = fields;
    }
    parent_->log(level, message, merged);
  }

 private:
  std::shared_ptr<Logger> parent_;
  nlohmann::json base_;
};

}  // namespace

std::shared_ptr<Logger> make_process_logger(LogLevel min_level) {
  return std::make_shared<JsonLineLogger>(min_level);
}

std::shared_ptr<Logger> with_fields(std::shared_ptr<Logger> parent, nlohmann::json base_fields) {
  if (!base_fields.is_object()) base_fields = nlohmann::json{{"fields", std::move(base_fields)}};
  return std::make_shared<FieldsLogger>(std::move(parent), std::move(base_fields));
}

}  // namespace kfn::host
