#include "common/utf8.h"

#include <cstdint>
#include <string>

namespace common {
namespace {

// Length of the sequence a lead byte starts, with the smallest code point that may use it
// (anything smaller is an overlong form); 0 for a byte that cannot start a sequence.
struct Lead {
  int length;
  std::uint32_t min_code_point;
  std::uint32_t bits;
};

Lead classify(unsigned char byte) {
  if (byte < 0x80) return {1, 0, byte};
  if ((byte & 0xE0) == 0xC0) return {2, 0x80, byte & 0x1Fu};
  if ((byte & 0xF0) == 0xE0) return {3, 0x800, byte & 0x0Fu};
  if ((byte & 0xF8) == 0xF0) return {4, 0x10000, byte & 0x07u};
  return {0, 0, 0};
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    Lead const lead = classify(static_cast<unsigned char>(text[i]));
    if (lead.length == 0 || i + static_cast<std::size_t>(lead.length) > text.size()) return std::nullopt;
    std::uint32_t code_point = lead.bits;
    for (int k = 1; k < lead.length; ++k) {
      auto const next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    bool const surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (code_point < lead.min_code_point || surrogate || code_point > 0x10FFFF) return std::nullopt;
    i += static_cast<std::size_t>(lead.length);
    ++count;
  }
  return count;
}

bool has_control_characters(std::string_view text) {
  for (char c : text) {
    auto const byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace common
