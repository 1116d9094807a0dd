#include "redis_pool.h"

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "kfn/errors.h"
#include "services_test_support.h"

using namespace kfn::host;
using kfn::RedisReply;
using kfn::host::testing::eventually;
using kfn::host::testing::required_env;
using kfn::host::testing::TempDir;
using kfn::host::testing::unique_name;

extern char** environ;

namespace {

RedisPool test_pool(std::size_t size = 4) {
  return RedisPool(parse_redis_url(required_env("KFN_TEST_REDIS_URL")), size);
}

int free_port() {
  int const fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);
  return ntohs(address.sin_port);
}

// A redis-server of the test's own, on a port and in a folder nobody else uses.
class OwnRedis {
 public:
  OwnRedis(int port, TempDir const& dir) : port_(port), dir_(dir.path().string()) { start(); }
  ~OwnRedis() { kill_now(); }
  OwnRedis(OwnRedis const&) = delete;
  OwnRedis& operator=(OwnRedis const&) = delete;

  void start() {
    std::string const port = std::to_string(port_);
    std::vector<std::string> args{
        "redis-server", "--port", port,        "--bind",           "127.0.0.1", "--dir", dir_, "--save", "",
        "--appendonly", "no",     "--logfile", dir_ + "/redis.log"};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawnp(&pid_, "redis-server", nullptr, nullptr, argv.data(), environ) == 0);
    RedisSettings settings;
    settings.port = port_;
    REQUIRE(eventually([&] {
      try {
        return RedisConnection(settings).command({"PING"}).str == "PONG";
      } catch (kfn::Unavailable const&) {
        return false;
      }
    }));
  }

  void kill_now() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  [[nodiscard]] int port() const { return port_; }

 private:
  int port_;
  std::string dir_;
  pid_t pid_ = -1;
};

}  // namespace

TEST_CASE("redis url parses host, port, password and database") {
  auto const full = parse_redis_url("redis://:pw@cache.internal:6380/2");
  CHECK(full.host == "cache.internal");
  CHECK(full.port == 6380);
  CHECK(full.password == "pw");
  CHECK(full.user.empty());
  CHECK(full.database == 2);
  auto const plain = parse_redis_url("redis://127.0.0.1");
  CHECK(plain.port == 6379);
  CHECK(plain.database == 0);
  CHECK_THROWS_AS(parse_redis_url("http://x"), std::invalid_argument);
  CHECK_THROWS_AS(parse_redis_url("redis://h:port"), std::invalid_argument);
}

TEST_CASE("redis values are binary-safe and replies keep their types") {
  auto pool = test_pool();
  auto const key = unique_name("kfn_test") + ":bin";
  std::string const value("a\0b\r\nc \"quoted\"", 15);
  CHECK(pool.command({"SET", key, value, "EX", "60"}).type == RedisReply::Type::kStatus);
  auto const got = pool.command({"GET", key});
  CHECK(got.type == RedisReply::Type::kString);
  CHECK(got.str == value);
  CHECK(pool.command({"GET", key + ":missing"}).is_nil());
  auto const error = pool.command({"INCR", key});
  CHECK(error.type == RedisReply::Type::kError);
  pool.command({"DEL", key});
}

TEST_CASE("redis pipeline answers every command in order") {
  auto pool = test_pool();
  auto const key = unique_name("kfn_test") + ":list";
  auto const replies = pool.pipeline(
      {{"RPUSH", key, "a", "b"}, {"INCR", key + ":n"}, {"LRANGE", key, "0", "-1"}, {"DEL", key, key + ":n"}});
  REQUIRE(replies.size() == 4);
  CHECK(replies[0].integer == 2);
  CHECK(replies[1].integer == 1);
  REQUIRE(replies[2].type == RedisReply::Type::kArray);
  REQUIRE(replies[2].elements.size() == 2);
  CHECK(replies[2].elements[1].str == "b");
  CHECK(replies[3].integer == 2);
  CHECK_THROWS_AS(pool.pipeline({{"PING"}, {}}), std::invalid_argument);
  CHECK(pool.command({"PING"}).str == "PONG");  // nothing half-sent was left behind
}

TEST_CASE("redis pool throws Unavailable while Redis is down and recovers when it returns") {
  TempDir dir;
  OwnRedis redis(free_port(), dir);
  RedisSettings settings;
  settings.port = redis.port();
  RedisPool pool(settings, 2);
  CHECK(pool.command({"SET", "k", "before"}).str == "OK");
  CHECK(pool.pipeline({{"PING"}, {"PING"}}).size() == 2);

  redis.kill_now();
  CHECK_THROWS_AS(pool.command({"GET", "k"}), kfn::Unavailable);
  CHECK_THROWS_AS(pool.pipeline({{"PING"}}), kfn::Unavailable);

  redis.start();  // same port, empty data set
  CHECK(pool.command({"GET", "k"}).is_nil());
  CHECK(pool.command({"SET", "k", "after"}).str == "OK");
  CHECK(pool.command({"GET", "k"}).str == "after");
}
