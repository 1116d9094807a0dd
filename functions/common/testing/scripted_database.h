// A kfn::Database for unit tests: it records every statement and answers each with the next
// scripted result, so a test states exactly what MySQL would have returned. Test-only.
#pragma once

#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "kfn/db.h"
#include "kfn/errors.h"

namespace common::testing {

// One row with named columns, e.g. make_row({"id", "name"}, {std::int64_t{7}, std::string("ann")}).
inline kfn::Row make_row(std::vector<std::string> columns, std::vector<kfn::SqlValue> values) {
  return {std::make_shared<std::vector<std::string> const>(std::move(columns)), std::move(values)};
}

class ScriptedDatabase : public kfn::Database {
 public:
  struct Statement {
    std::string sql;
    kfn::SqlParams params;
    bool in_transaction = false;
  };
  // What the next statement gets: a result, or an error the "server" raises.
  using Answer = std::variant<kfn::SqlResult, kfn::SqlError>;

  std::deque<Answer> script;
  std::vector<Statement> statements;
  std::vector<kfn::DomainEvent> published;  // events of committed transactions only
  int commits = 0;
  int rollbacks = 0;

  void answer(kfn::SqlResult result) { script.emplace_back(std::move(result)); }
  void answer_rows(std::vector<kfn::Row> rows) { answer(kfn::SqlResult{std::move(rows), 0, 0}); }
  void answer_error(unsigned code) { script.emplace_back(kfn::SqlError("scripted error", code)); }

  kfn::SqlResult execute(std::string_view sql, kfn::SqlParams const& params = {}) override {
    return run(sql, params, false);
  }
  std::unique_ptr<kfn::Transaction> begin() override { return std::make_unique<Tx>(*this); }

  // Unscripted statements get an empty result, so a test only scripts what it cares about.
  kfn::SqlResult run(std::string_view sql, kfn::SqlParams const& params, bool in_transaction) {
    statements.push_back({std::string(sql), params, in_transaction});
    if (script.empty()) return {};
    Answer next = std::move(script.front());
    script.pop_front();
    if (auto* error = std::get_if<kfn::SqlError>(&next)) throw *error;
    return std::get<kfn::SqlResult>(std::move(next));
  }

 private:
  class Tx : public kfn::Transaction {
   public:
    explicit Tx(ScriptedDatabase& db) : db_(db) {}
    ~Tx() override {
      if (!committed_) ++db_.rollbacks;
    }
    Tx(Tx const&) = delete;
    Tx& operator=(Tx const&) = delete;

    kfn::SqlResult execute(std::string_view sql, kfn::SqlParams const& params = {}) override {
      return db_.run(sql, params, true);
    }
    void publish(kfn::DomainEvent event) override { pending_.push_back(std::move(event)); }
    void commit() override {
      if (committed_) throw std::logic_error("committed twice");
      committed_ = true;
      ++db_.commits;
      for (auto& event : pending_) db_.published.push_back(std::move(event));
    }

   private:
    ScriptedDatabase& db_;
    std::vector<kfn::DomainEvent> pending_;
    bool committed_ = false;
  };
};

}  // namespace common::testing
