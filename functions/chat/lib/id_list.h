// Lists of ids as one bound parameter: a JSON array text that SQL expands with JSON_TABLE, so a
// statement serves any number of ids with one prepared text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace chat {

// {1, 2} -> "[1,2]".
std::string id_list_json(std::vector<std::int64_t> const& ids);

}  // namespace chat
