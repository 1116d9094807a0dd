// The local runner's own MariaDB and Redis, started under a state directory when the user gave no
// MYSQL_URL / REDIS_URL, and stopped when the runner exits. For development and tests only.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "child_process.h"

namespace kfn::runner {

struct DevServer {
  std::string url;  // mysql://root@127.0.0.1:PORT/ or redis://127.0.0.1:PORT
  std::unique_ptr<ChildProcess> process;
};

// Initializes the data directory on first use (mariadb-install-db), starts mariadbd on a free loopback
// port and waits until it accepts connections. Throws std::runtime_error saying what is missing.
DevServer start_mariadb(std::filesystem::path const& state_dir);

// Starts redis-server on a free loopback port, without persistence, and waits until it answers PING.
DevServer start_redis(std::filesystem::path const& state_dir);

}  // namespace kfn::runner
