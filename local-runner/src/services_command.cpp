// Starting the dev servers on their own and holding them until told to stop.
#include "services_command.h"

#include <signal.h>

#include <iostream>

#include "dev_services.h"

namespace kfn::runner {

int run_services(std::filesystem::path const& state_dir) {
  std::filesystem::create_directories(state_dir);
  auto mariadb = start_mariadb(state_dir);
  auto redis = start_redis(state_dir);
  std::cout << "MYSQL_URL=" << mariadb.url << "\nREDIS_URL=" << redis.url << "\nready" << std::endl;
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  int received = 0;
  sigwait(&signals, &received);
  return 0;
}

}  // namespace kfn::runner
