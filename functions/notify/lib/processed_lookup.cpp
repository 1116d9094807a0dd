#include "lib/processed_lookup.h"

#include <exception>
#include <vector>

#include "kfn/processed_events.h"

namespace notify {

void look_up_processed(kfn::Context& leader, std::span<PendingLookup*> batch) {
  std::vector<std::string> ids;
  ids.reserve(batch.size());
  for (auto const* item : batch) ids.push_back(*item->event_id);
  auto const seen = kfn::already_processed(leader.db(), std::span<std::string const>(ids));
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->processed = seen[i];
}

bool already_processed(kfn::Context& ctx, ProcessedLookups& lookups, std::string const& event_id) {
  PendingLookup lookup{&event_id};
  if (auto const error = lookups.run(ctx, lookup)) std::rethrow_exception(error);
  return lookup.processed;
}

}  // namespace notify
