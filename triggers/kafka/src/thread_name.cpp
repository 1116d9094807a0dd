#include "thread_name.h"

#include <pthread.h>

#include <string>

namespace kfn::kafka {

void name_this_thread(std::string_view name) {
  constexpr std::size_t kLinuxLimit = 15;
  std::string const cut(name.substr(0, kLinuxLimit));
  pthread_setname_np(pthread_self(), cut.c_str());  // best effort: a name is only a label
}

}  // namespace kfn::kafka
