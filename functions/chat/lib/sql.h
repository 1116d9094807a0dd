// One statement target for the chat stores: either the schema (autocommit) or an open transaction,
// so a read can join the caller's transaction or run alone without two copies of its SQL.
#pragma once

#include <string_view>

#include "kfn/db.h"

namespace chat {

// Holds a reference: it must not outlive the Database or Transaction it was made from.
class Sql {
 public:
  // Implicit on purpose: store functions take `Sql` and callers pass ctx.db() or *tx.
  Sql(kfn::Database& db) : db_(&db) {}
  Sql(kfn::Transaction& tx) : tx_(&tx) {}

  kfn::SqlResult run(std::string_view sql, kfn::SqlParams const& params = {}) const {
    return tx_ != nullptr ? tx_->execute(sql, params) : db_->execute(sql, params);
  }

 private:
  kfn::Database* db_ = nullptr;
  kfn::Transaction* tx_ = nullptr;
};

}  // namespace chat
