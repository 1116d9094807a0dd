// The process's one logger: JSON lines on stderr. Everything (runtime, triggers, functions) logs
// through it, so there is one format and one place that keeps secrets out.
#pragma once

#include <memory>
#include <string>

#include "kfn/log.h"

namespace kfn::host {

// `base_fields` are added to every line (e.g. {"function": "users-login"}).
std::shared_ptr<Logger> make_process_logger(LogLevel min_level = LogLevel::kInfo);
std::shared_ptr<Logger> with_fields(std::shared_ptr<Logger> parent, nlohmann::json base_fields);

}  // namespace kfn::host
