#include "lib/accounts_store.h"

namespace users {
namespace {

std::string select_accounts(char const* condition) {
  return std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE " + condition;
}

std::optional<Account> first_account(kfn::SqlResult const& result) {
  if (result.rows.empty()) return std::nullopt;
  return account_from_row(result.rows.front());
}

kfn::SqlValue nullable(std::optional<std::string> const& value) {
  return value ? kfn::SqlValue(*value) : kfn::SqlValue(nullptr);
}

}  // namespace

std::optional<Account> find_account(kfn::Database& db, std::int64_t id) {
  return first_account(db.execute(select_accounts("id = ?"), {id}));
}

std::optional<Account> find_account_for_login(kfn::Database& db, LoginAttempt const& attempt) {
  char const* condition = attempt.by_email ? "email_lower = ?" : "username = ?";
  return first_account(db.execute(select_accounts(condition), {attempt.identifier}));
}

bool email_taken(kfn::Database& db, std::string const& email_lower) {
  return !db.execute("SELECT 1 FROM accounts WHERE email_lower = ?", {email_lower}).rows.empty();
}

bool username_taken(kfn::Database& db, std::string const& username) {
  return !db.execute("SELECT 1 FROM accounts WHERE username = ?", {username}).rows.empty();
}

Account insert_account(kfn::Transaction& tx, NewAccount const& account, std::string password_hash,
                       std::string const& now_sql) {
  auto const result = tx.execute(
      "INSERT INTO accounts (email, email_lower, username, password_hash, display_name, created_at, "
      "updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {account.email, account.email_lower, account.username, password_hash, account.display_name, now_sql,
       now_sql});
  Account stored;
  stored.id = static_cast<std::int64_t>(result.insert_id);
  stored.email = account.email;
  stored.username = account.username;
  stored.password_hash = std::move(password_hash);
  stored.display_name = account.display_name;
  stored.created_at = now_sql;
  stored.updated_at = now_sql;
  return stored;
}

std::optional<Account> lock_account(kfn::Transaction& tx, std::int64_t id) {
  return first_account(tx.execute(select_accounts("id = ? FOR UPDATE"), {id}));
}

void save_profile(kfn::Transaction& tx, Account const& account) {
  tx.execute(
      "UPDATE accounts SET display_name = ?, status_message = ?, avatar_url = ?, updated_at = ? WHERE id = ?",
      {account.display_name, nullable(account.status_message), nullable(account.avatar_url),
       account.updated_at, account.id});
}

}  // namespace users
