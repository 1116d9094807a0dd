// HTTP binary mode (CloudEvents HTTP binding 1.0, section 3.1): each attribute is a `ce-<name>`
// header whose value is percent-encoded where needed, Content-Type is the datacontenttype and the
// body is the data.
#pragma once

#include "attributes.h"
#include "kfn/http.h"

namespace kfn::cloudevents {

WireResult read_binary_mode(kfn::HttpRequest const& request);

}  // namespace kfn::cloudevents
