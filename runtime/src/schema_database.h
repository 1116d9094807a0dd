// A schema's database as functions see it: autocommitted statements on a pooled connection, and
// transactions whose published events go into the schema's outbox and to the relay after COMMIT.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "kfn/host/services.h"
#include "mysql_pool.h"
#include "outbox_relay.h"

namespace kfn::host {

// Thread-safe. The pool and the relay must outlive it and its transactions. Without a relay (no Kafka
// configured) published events wait in the outbox for a process that has one.
class MysqlSchemaDatabase final : public SchemaDatabase {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  MysqlSchemaDatabase(MysqlPool& pool, OutboxRelay* relay, Clock clock = std::chrono::system_clock::now);
  SqlResult execute(std::string_view sql, SqlParams const& params) override;
  std::unique_ptr<Transaction> begin(EventOrigin const& origin) override;

 private:
  MysqlPool& pool_;
  OutboxRelay* relay_;
  Clock clock_;
};

}  // namespace kfn::host
