// `kfn services`: the local MariaDB and Redis alone, for test scripts and tools that want them.
#pragma once

#include <filesystem>

namespace kfn::runner {

// Prints MYSQL_URL=... and REDIS_URL=... lines, then "ready", and runs until SIGINT/SIGTERM.
int run_services(std::filesystem::path const& state_dir);

}  // namespace kfn::runner
