#include "lib/send_batcher.h"

#include <stdexcept>

namespace chat {

kfn::HttpResponse SendBatcher::send(kfn::Context& ctx, PendingSend& send) {
  if (auto batch_error = group_.run(ctx, send); batch_error && !send.response && !send.error)
    send.error = batch_error;
  if (send.error) std::rethrow_exception(send.error);
  if (!send.response) throw std::logic_error("a send of the batch got no answer");
  return std::move(*send.response);
}

}  // namespace chat
