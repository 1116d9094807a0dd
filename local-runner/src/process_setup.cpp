// Start-up and shutdown steps shared by the serving commands.
#include "process_setup.h"

#include <openssl/rand.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "kfn/errors.h"

namespace kfn::runner {
namespace {

using namespace std::chrono_literals;

// The signing key: KFN_JWT_SECRET or the file KFN_JWT_SECRET_FILE; without either a random key for
// this process only (tokens stop working on restart), which is fine for development.
std::string jwt_secret(kfn::Logger& log) {
  if (char const* secret = std::getenv("KFN_JWT_SECRET"); secret && *secret) return secret;
  if (char const* file = std::getenv("KFN_JWT_SECRET_FILE"); file && *file) {
    std::ifstream in(file);
    std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.size() >= 32) return secret;
    throw std::runtime_error("KFN_JWT_SECRET_FILE must hold at least 32 bytes");
  }
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for the JWT key");
  log.warn("KFN_JWT_SECRET is not set: using a random signing key for this process only");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string secret;
  for (unsigned char b : bytes) {
    secret += kHex[b >> 4];
    secret += kHex[b & 15];
  }
  return secret;
}

}  // namespace

void migrate_context(kfn::host::Services& services, kfn::host::ContextSpec const& context, kfn::Logger& log) {
  auto const give_up = std::chrono::steady_clock::now() + 60s;
  for (;;) {
    try {
      services.migrate(context.schema, context.migrations);
      return;
    } catch (kfn::Unavailable const& e) {
      if (std::chrono::steady_clock::now() > give_up) throw;
      log.warn("database unavailable, retrying migrations",
               {{"schema", context.schema}, {"error", e.what()}});
      std::this_thread::sleep_for(1s);
    }
  }
}

kfn::host::JwtSettings jwt_settings(kfn::host::Catalogue const& catalogue, kfn::Logger& log) {
  kfn::host::JwtSettings jwt;
  jwt.secret = jwt_secret(log);
  jwt.issuer = catalogue.app.jwt_issuer;
  jwt.audience = catalogue.app.jwt_audience;
  jwt.ttl = catalogue.app.access_token_ttl;
  return jwt;
}

int wait_for_stop_signal() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  int received = 0;
  sigwait(&signals, &received);
  return received;
}

}  // namespace kfn::runner
