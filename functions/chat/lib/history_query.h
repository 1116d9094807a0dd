// Paging a room's history (API.md, GET /messages/{room_id}): which way a page runs, from where, and
// how the extra row fetched beyond the limit becomes has_more.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "common/value_or_response.h"
#include "kfn/http.h"
#include "lib/message.h"

namespace chat {

inline constexpr std::int64_t kDefaultPageSize = 50;
inline constexpr std::int64_t kMaxPageSize = 100;

enum class PageDirection {
  kNewestFirst,  // seq < bound, descending: with before_seq, or with no cursor at all
  kOldestFirst,  // seq > bound, ascending: with after_seq
};

struct HistoryQuery {
  PageDirection direction = PageDirection::kNewestFirst;
  std::int64_t bound = std::numeric_limits<std::int64_t>::max();  // exclusive
  std::int64_t limit = kDefaultPageSize;
};

// before_seq / after_seq (non-negative integers, not both) and limit (1-100, default 50). A value
// that is not a number is 400 invalid_parameter; a number out of range, or both cursors, is 422.
common::ValueOrResponse<HistoryQuery> parse_history_query(kfn::HttpRequest const& req);

struct HistoryPage {
  std::vector<Message> messages;
  bool has_more = false;
};

// `fetched` holds up to limit + 1 rows in page order; the extra row only tells that more exist.
HistoryPage make_page(std::vector<Message> fetched, std::int64_t limit);

}  // namespace chat
