// Names the calling thread so `top -H`, perf and gdb tell the trigger's threads apart (Linux keeps 15
// characters; longer names are cut).
#pragma once

#include <string_view>

namespace kfn::kafka {

void name_this_thread(std::string_view name);

}  // namespace kfn::kafka
