#include "lib/passwords.h"

#include <argon2.h>

#include <stdexcept>
#include <vector>

#include "lib/token_crypto.h"

namespace users {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::uint32_t checked_param(kfn::Config const& config, std::string_view key, std::uint32_t fallback,
                            std::uint32_t minimum) {
  std::int64_t const value = config.get_int(key, fallback);
  if (value < minimum || value > (std::int64_t{1} << 30)) {
    throw std::invalid_argument(std::string(key) + " must be between " + std::to_string(minimum) +
                                " and 2^30");
  }
  return static_cast<std::uint32_t>(value);
}

}  // namespace

Argon2Params argon2_params(kfn::Config const& config) {
  Argon2Params params;
  params.memory_kib = checked_param(config, "KFN_ARGON2_MEMORY_KIB", params.memory_kib, ARGON2_MIN_MEMORY);
  params.iterations = checked_param(config, "KFN_ARGON2_ITERATIONS", params.iterations, ARGON2_MIN_TIME);
  return params;
}

std::string hash_password(std::string_view password, Argon2Params const& params) {
  std::string const salt = random_bytes(kSaltBytes);
  std::size_t const length = argon2_encodedlen(params.iterations, params.memory_kib, params.parallelism,
                                               kSaltBytes, kHashBytes, Argon2_id);
  std::vector<char> encoded(length);
  int const rc = argon2id_hash_encoded(params.iterations, params.memory_kib, params.parallelism,
                                       password.data(), password.size(), salt.data(), salt.size(), kHashBytes,
                                       encoded.data(), encoded.size());
  if (rc != ARGON2_OK)
    throw std::runtime_error(std::string("argon2id hashing failed: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool verify_password(std::string const& encoded_hash, std::string_view password) {
  return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace users
