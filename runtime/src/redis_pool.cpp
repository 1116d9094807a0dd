// hiredis connections: connect with timeouts, authenticate, send argument vectors, turn replies into
// kfn::RedisReply; and the URL they are configured with.
#include "redis_pool.h"

#include <sys/time.h>

#include <charconv>
#include <csignal>
#include <mutex>
#include <stdexcept>

#include "idle_socket.h"
#include "kfn/errors.h"

namespace kfn::host {
namespace {

timeval to_timeval(std::chrono::milliseconds duration) {
  return timeval{static_cast<time_t>(duration.count() / 1000),
                 static_cast<suseconds_t>(duration.count() % 1000 * 1000)};
}

int parse_number(std::string_view text, char const* what) {
  int value = 0;
  auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    throw std::invalid_argument(std::string("redis url: bad ") + what);
  }
  return value;
}

RedisReply convert(redisReply const& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      out.type = reply.type == REDIS_REPLY_STRING   ? RedisReply::Type::kString
                 : reply.type == REDIS_REPLY_STATUS ? RedisReply::Type::kStatus
                                                    : RedisReply::Type::kError;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(reply.elements);
      for (std::size_t i = 0; i < reply.elements; ++i) out.elements.push_back(convert(*reply.element[i]));
      break;
    default:
      out.type = RedisReply::Type::kNil;
  }
  return out;
}

void ignore_sigpipe_once() {
  // hiredis writes with write(2): a server that vanished mid-command must be an error, not a signal
  // that kills the process.
  static std::once_flag once;
  std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

}  // namespace

RedisSettings parse_redis_url(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (!url.starts_with(kScheme)) throw std::invalid_argument("redis url: must start with redis://");
  auto rest = url.substr(kScheme.size());
  RedisSettings settings;
  if (auto const at = rest.rfind('@'); at != std::string_view::npos) {
    auto const userinfo = rest.substr(0, at);
    auto const colon = userinfo.find(':');
    settings.user = std::string(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) settings.password = std::string(userinfo.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  if (auto const slash = rest.find('/'); slash != std::string_view::npos) {
    if (slash + 1 < rest.size()) settings.database = parse_number(rest.substr(slash + 1), "database number");
    rest = rest.substr(0, slash);
  }
  if (auto const colon = rest.rfind(':'); colon != std::string_view::npos) {
    settings.port = parse_number(rest.substr(colon + 1), "port");
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) throw std::invalid_argument("redis url: missing host");
  settings.host = std::string(rest);
  return settings;
}

RedisConnection::RedisConnection(RedisSettings const& settings) {
  ignore_sigpipe_once();
  context_.reset(
      redisConnectWithTimeout(settings.host.c_str(), settings.port, to_timeval(settings.connect_timeout)));
  if (!context_) throw std::bad_alloc();
  if (context_->err != 0) fail("connecting to " + settings.host + ":" + std::to_string(settings.port));
  if (redisSetTimeout(context_.get(), to_timeval(settings.command_timeout)) != REDIS_OK)
    fail("setting timeouts");
  std::vector<std::vector<std::string>> setup;
  if (!settings.password.empty()) {
    setup.push_back(settings.user.empty()
                        ? std::vector<std::string>{"AUTH", settings.password}
                        : std::vector<std::string>{"AUTH", settings.user, settings.password});
  }
  if (settings.database != 0) setup.push_back({"SELECT", std::to_string(settings.database)});
  for (auto const& reply : pipeline(setup)) {
    if (reply.type == RedisReply::Type::kError) {
      broken_ = true;
      throw Unavailable("redis: connection setup refused: " + reply.str);
    }
  }
}

void RedisConnection::fail(std::string_view doing) {
  broken_ = true;
  std::string what = "redis: ";
  what += doing;
  what += ": ";
  what += context_->errstr;
  throw Unavailable(what);
}

bool RedisConnection::closed_by_server() const { return broken_ || idle_socket_closed_by_peer(context_->fd); }

void RedisConnection::append(std::vector<std::string> const& args) {
  if (args.empty()) throw std::invalid_argument("redis: empty command");
  std::vector<char const*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (auto const& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  if (redisAppendCommandArgv(context_.get(), static_cast<int>(args.size()), argv.data(), lengths.data()) !=
      REDIS_OK) {
    fail("sending");
  }
}

RedisReply RedisConnection::read_reply() {
  void* raw = nullptr;
  if (redisGetReply(context_.get(), &raw) != REDIS_OK || raw == nullptr) fail("reading reply");
  RedisReplyHandle reply(static_cast<redisReply*>(raw));
  return convert(*reply);
}

RedisReply RedisConnection::command(std::vector<std::string> const& args) {
  if (broken_) throw Unavailable("redis: connection is broken");
  append(args);
  return read_reply();
}

std::vector<RedisReply> RedisConnection::pipeline(std::vector<std::vector<std::string>> const& commands) {
  if (broken_) throw Unavailable("redis: connection is broken");
  // Checked before anything is buffered, so a bad command cannot leave half a pipeline behind.
  for (auto const& args : commands) {
    if (args.empty()) throw std::invalid_argument("redis: empty command in pipeline");
  }
  for (auto const& args : commands) append(args);
  std::vector<RedisReply> replies;
  replies.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) replies.push_back(read_reply());
  return replies;
}

RedisPool::RedisPool(RedisSettings settings, std::size_t max_size, std::chrono::milliseconds acquire_timeout)
    : settings_(std::move(settings)),
      pool_("redis pool for " + settings_.host + ":" + std::to_string(settings_.port), max_size,
            acquire_timeout, [this] { return std::make_unique<RedisConnection>(settings_); }) {}

RedisReply RedisPool::command(std::vector<std::string> const& args) { return pool_.acquire()->command(args); }

std::vector<RedisReply> RedisPool::pipeline(std::vector<std::vector<std::string>> const& commands) {
  return pool_.acquire()->pipeline(commands);
}

}  // namespace kfn::host
