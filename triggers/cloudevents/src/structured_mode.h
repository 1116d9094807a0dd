// HTTP structured mode (CloudEvents JSON format 1.0): the body is one JSON object holding every
// attribute and either `data` (any JSON) or `data_base64`.
#pragma once

#include <string_view>

#include "attributes.h"

namespace kfn::cloudevents {

// True for application/cloudevents+json, with or without parameters.
bool is_structured_mode(std::string_view content_type);

WireResult read_structured_mode(std::string_view body);

}  // namespace kfn::cloudevents
