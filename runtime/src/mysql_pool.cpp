// Wires MysqlConnection into the generic bounded pool; the healing logic lives in bounded_pool.h.
#include "mysql_pool.h"

#include <memory>
#include <utility>

namespace kfn::host {

MysqlPool::MysqlPool(MysqlSettings settings, std::size_t max_size, std::chrono::milliseconds acquire_timeout)
    : settings_(std::move(settings)),
      pool_("mysql pool for schema '" + settings_.schema + "'", max_size, acquire_timeout,
            [this] { return std::make_unique<MysqlConnection>(settings_); }) {}

}  // namespace kfn::host
