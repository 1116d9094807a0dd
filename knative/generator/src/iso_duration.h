// ISO-8601 durations as Knative's delivery.backoffDelay wants them ("PT0.2S", "PT30S").
#pragma once

#include <chrono>
#include <string>

namespace kfn::knative {

std::string iso8601_duration(std::chrono::milliseconds duration);

// Whole seconds, rounded up: a timeout must never be shorter than the manifest's.
int ceil_seconds(std::chrono::milliseconds duration);

}  // namespace kfn::knative
