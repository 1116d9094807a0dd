// Parameterized IN lists: "?, ?, ?" for n values, and the ids appended as their parameters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kfn/db.h"

namespace notify {

inline std::string placeholders(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += i == 0 ? "?" : ", ?";
  return text;
}

inline void append_ids(kfn::SqlParams& params, std::vector<std::int64_t> const& ids) {
  for (std::int64_t const id : ids) params.emplace_back(id);
}

}  // namespace notify
