// Start-up and shutdown steps every serving command shares (`kfn run`, `kfn serve`): the JWT key,
// migrations that wait for MySQL, and waiting for SIGINT/SIGTERM.
#pragma once

#include "kfn/host/jwt.h"
#include "kfn/host/manifest.h"
#include "kfn/host/services.h"
#include "kfn/log.h"

namespace kfn::runner {

// KFN_JWT_SECRET, else the file KFN_JWT_SECRET_FILE (32+ bytes), else a random key for this process
// only (tokens stop working on restart; fine for development), with the catalogue's claims.
kfn::host::JwtSettings jwt_settings(kfn::host::Catalogue const& catalogue, kfn::Logger& log);

// Applies one context's migrations; MySQL may still be starting (or restarting), so an unavailable
// database is retried for up to a minute.
void migrate_context(kfn::host::Services& services, kfn::host::ContextSpec const& context, kfn::Logger& log);

// Blocks until SIGINT or SIGTERM (blocked in every thread by main) and returns which one came.
int wait_for_stop_signal();

}  // namespace kfn::runner
