// The SQL of the accounts table. Every statement is parameterized; callers choose whether a
// statement runs alone (Database) or inside their transaction (Transaction).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kfn/db.h"
#include "lib/account.h"
#include "lib/login_request.h"
#include "lib/registration.h"

namespace users {

std::optional<Account> find_account(kfn::Database& db, std::int64_t id);
// By email or username, as the login attempt says.
std::optional<Account> find_account_for_login(kfn::Database& db, LoginAttempt const& attempt);

bool email_taken(kfn::Database& db, std::string const& email_lower);
bool username_taken(kfn::Database& db, std::string const& username);

// Inserts the account with created_at = updated_at = `now_sql` and returns it as stored.
// Throws kfn::SqlError with duplicate_key() when a racing registration took the email or username.
Account insert_account(kfn::Transaction& tx, NewAccount const& account, std::string password_hash,
                       std::string const& now_sql);

// The account, locked until the transaction ends; nullopt when it no longer exists.
std::optional<Account> lock_account(kfn::Transaction& tx, std::int64_t id);

// Writes display_name, status_message, avatar_url and updated_at.
void save_profile(kfn::Transaction& tx, Account const& account);

}  // namespace users
