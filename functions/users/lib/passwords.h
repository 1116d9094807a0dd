// Password hashing with Argon2id (PRODUCT.md, Security): encoded PHC strings that carry their own
// salt and parameters, so a verify works whatever parameters are configured today.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kfn/config.h"

namespace users {

struct Argon2Params {
  std::uint32_t memory_kib = 19456;  // 19 MiB
  std::uint32_t iterations = 2;
  std::uint32_t parallelism = 1;
};

// Defaults overridden by KFN_ARGON2_MEMORY_KIB and KFN_ARGON2_ITERATIONS (tests lower them).
// Throws std::invalid_argument for values libargon2 would refuse.
Argon2Params argon2_params(kfn::Config const& config);

// A fresh 16-byte salt from the system CSPRNG; "$argon2id$v=19$m=...,t=...,p=...$salt$hash".
// Throws std::runtime_error if hashing fails (out of memory).
std::string hash_password(std::string_view password, Argon2Params const& params);

// False for a mismatch and for anything that is not a valid encoded hash.
bool verify_password(std::string const& encoded_hash, std::string_view password);

}  // namespace users
