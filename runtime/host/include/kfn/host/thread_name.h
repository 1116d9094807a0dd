// Names the calling thread so `top -H`, perf and gdb tell the runtime's and triggers' threads apart
// (Linux keeps 15 characters; longer names are cut). Every thread kfn itself starts is named
// "kfn-..." (Pistache's reactors are named through its options: "kfn-http-io").
// Inline, so code that links no runtime symbols (the triggers' core libraries) may use it too.
#pragma once

#include <pthread.h>

#include <string>
#include <string_view>

namespace kfn::host {

inline void name_this_thread(std::string_view name) {
  constexpr std::size_t kLinuxLimit = 15;
  std::string const cut(name.substr(0, kLinuxLimit));
  pthread_setname_np(pthread_self(), cut.c_str());  // best effort: a name is only a label
}

}  // namespace kfn::host
