// Starting MariaDB and Redis for the local runner. Both listen on 127.0.0.1 only.
#include "dev_services.h"

#include <hiredis/hiredis.h>
#include <mysql.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace kfn::runner {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kStartTimeout = std::chrono::seconds(60);

std::filesystem::path require_program(std::string const& name, std::string const& package,
                                      std::string const& url_variable) {
  auto path = find_program(name);
  if (path.empty()) {
    throw std::runtime_error(name + " not found: install it (apt-get install " + package + ") or set " +
                             url_variable + " to a running server");
  }
  return path;
}

std::string tail_of(std::filesystem::path const& log) {
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

bool mariadb_answers(int port) {
  std::unique_ptr<MYSQL, decltype(&mysql_close)> conn(mysql_init(nullptr), &mysql_close);
  unsigned timeout = 1;
  mysql_options(conn.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  return mysql_real_connect(conn.get(), "127.0.0.1", "root", nullptr, nullptr,
                            static_cast<unsigned>(port), nullptr, 0) != nullptr;
}

bool redis_answers(int port) {
  timeval timeout{1, 0};
  std::unique_ptr<redisContext, decltype(&redisFree)> ctx(
      redisConnectWithTimeout("127.0.0.1", port, timeout), &redisFree);
  if (!ctx || ctx->err) return false;
  auto* reply = static_cast<redisReply*>(redisCommand(ctx.get(), "PING"));
  bool ok = reply != nullptr && reply->type == REDIS_REPLY_STATUS;
  if (reply) freeReplyObject(reply);
  return ok;
}

// Polls until the server answers; a server that exits or stays silent is an error with its log.
template <typename Probe>
void wait_until_ready(ChildProcess& process, Probe answers, std::string const& name,
                      std::filesystem::path const& log) {
  auto const give_up = Clock::now() + kStartTimeout;
  while (!answers()) {
    if (!process.running()) throw std::runtime_error(name + " exited during start-up:\n" + tail_of(log));
    if (Clock::now() > give_up) throw std::runtime_error(name + " did not start in time:\n" + tail_of(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void initialize_mariadb_datadir(std::filesystem::path const& datadir, std::filesystem::path const& state) {
  if (std::filesystem::exists(datadir / "mysql")) return;
  auto install = require_program("mariadb-install-db", "mariadb-server", "MYSQL_URL");
  std::filesystem::create_directories(datadir);
  auto log = state / "mariadb-install.log";
  std::vector<std::string> argv{install.string(), "--no-defaults", "--datadir=" + datadir.string(),
                                "--auth-root-authentication-method=normal", "--skip-test-db"};
  if (geteuid() == 0) argv.emplace_back("--user=root");
  ChildProcess installer(argv, log);
  auto const give_up = Clock::now() + kStartTimeout;
  while (installer.running()) {
    if (Clock::now() > give_up) throw std::runtime_error("mariadb-install-db timed out:\n" + tail_of(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!std::filesystem::exists(datadir / "mysql")) {
    throw std::runtime_error("mariadb-install-db failed:\n" + tail_of(log));
  }
}

}  // namespace

DevServer start_mariadb(std::filesystem::path const& state_dir) {
  auto server = require_program("mariadbd", "mariadb-server", "MYSQL_URL");
  auto state = std::filesystem::absolute(state_dir);
  auto datadir = state / "mariadb";
  initialize_mariadb_datadir(datadir, state);
  int port = free_loopback_port();
  auto log = state / "mariadb.log";
  std::vector<std::string> argv{server.string(),
                                "--no-defaults",
                                "--datadir=" + datadir.string(),
                                "--socket=" + (state / "mariadb.sock").string(),
                                "--pid-file=" + (state / "mariadb.pid").string(),
                                "--port=" + std::to_string(port),
                                "--bind-address=127.0.0.1",
                                "--skip-name-resolve",
                                "--innodb-flush-log-at-trx-commit=1",
                                "--max-connections=1000",
                                "--character-set-server=utf8mb4",
                                "--collation-server=utf8mb4_unicode_ci"};
  if (geteuid() == 0) argv.emplace_back("--user=root");
  auto process = std::make_unique<ChildProcess>(argv, log);
  wait_until_ready(*process, [port] { return mariadb_answers(port); }, "mariadbd", log);
  return {"mysql://root@127.0.0.1:" + std::to_string(port) + "/", std::move(process)};
}

DevServer start_redis(std::filesystem::path const& state_dir) {
  auto server = require_program("redis-server", "redis-server", "REDIS_URL");
  auto dir = std::filesystem::absolute(state_dir) / "redis";
  std::filesystem::create_directories(dir);
  int port = free_loopback_port();
  auto log = std::filesystem::absolute(state_dir) / "redis.log";
  std::vector<std::string> argv{server.string(), "--port",      std::to_string(port), "--bind",
                                "127.0.0.1",     "--save",      "",                   "--appendonly",
                                "no",            "--dir",       dir.string(),         "--daemonize",
                                "no",            "--maxclients", "10000"};
  auto process = std::make_unique<ChildProcess>(argv, log);
  wait_until_ready(*process, [port] { return redis_answers(port); }, "redis-server", log);
  return {"redis://127.0.0.1:" + std::to_string(port), std::move(process)};
}

}  // namespace kfn::runner
