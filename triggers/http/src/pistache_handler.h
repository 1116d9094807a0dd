// The Pistache side of the trigger: the handler Pistache calls on its reactor threads, which hands
// each request to the RequestPipeline with a sink that answers on the request's connection.
#pragma once

#include <pistache/http.h>

#include <memory>

#include "request_pipeline.h"

namespace kfn::http {

// Pistache clones one handler per reactor thread; the clones share the pipeline.
class PistacheHandler : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  explicit PistacheHandler(std::shared_ptr<RequestPipeline> pipeline) : pipeline_(std::move(pipeline)) {}

  void onRequest(Pistache::Http::Request const& request, Pistache::Http::ResponseWriter writer) override;

 private:
  std::shared_ptr<RequestPipeline> pipeline_;
};

}  // namespace kfn::http
