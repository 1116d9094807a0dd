// Start-up and shutdown steps shared by the serving commands.
#include "process_setup.h"

#include <openssl/rand.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "kfn/errors.h"
#include "kfn/knative/generator.h"

namespace kfn::runner {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMinimumSecretBytes = 32;  // HS256's key should be as long as its hash

// A key anyone can read signs nothing: refuse short keys and the generated Secret's placeholder.
std::string checked_secret(std::string secret, std::string const& source) {
  if (secret == kfn::knative::kJwtSecretPlaceholder) {
    throw std::runtime_error(
        source + " is still the placeholder of the generated Secret: set 32 or more random bytes");
  }
  if (secret.size() < kMinimumSecretBytes) throw std::runtime_error(source + " must hold at least 32 bytes");
  return secret;
}

// The signing key: KFN_JWT_SECRET or the file KFN_JWT_SECRET_FILE; without either a random key for
// this process only (tokens stop working on restart), which is fine for development.
std::string jwt_secret(kfn::Logger& log) {
  if (char const* secret = std::getenv("KFN_JWT_SECRET"); secret && *secret)
    return checked_secret(secret, "KFN_JWT_SECRET");
  if (char const* file = std::getenv("KFN_JWT_SECRET_FILE"); file && *file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("KFN_JWT_SECRET_FILE cannot be read");
    std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    return checked_secret(std::move(secret), "KFN_JWT_SECRET_FILE");
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
