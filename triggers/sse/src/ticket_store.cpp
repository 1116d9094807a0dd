#include "ticket_store.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace kfn::sse {
namespace {

constexpr std::size_t kTicketBytes = 32;

std::string hex(unsigned char const* bytes, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

}  // namespace

bool looks_like_ticket(std::string_view text) {
  return text.size() == kTicketBytes * 2 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string TicketStore::key_for(std::string_view ticket) const {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<unsigned char const*>(ticket.data()), ticket.size(), digest);
  return key_prefix_ + "ticket:" + hex(digest, sizeof digest);
}

std::string TicketStore::issue(std::int64_t user_id) {
  unsigned char bytes[kTicketBytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for a stream ticket");
  std::string ticket = hex(bytes, sizeof bytes);
  redis_.command({"SET", key_for(ticket), std::to_string(user_id), "PX", std::to_string(ttl_.count())});
  return ticket;
}

std::optional<std::int64_t> TicketStore::redeem(std::string_view ticket) {
  if (!looks_like_ticket(ticket)) return std::nullopt;
  auto const reply = redis_.command({"GETDEL", key_for(ticket)});
  if (reply.type != RedisReply::Type::kString) return std::nullopt;
  std::int64_t user_id = 0;
  auto const [end, error] = std::from_chars(reply.str.data(), reply.str.data() + reply.str.size(), user_id);
  if (error != std::errc{} || end != reply.str.data() + reply.str.size() || user_id <= 0) return std::nullopt;
  return user_id;
}

}  // namespace kfn::sse
