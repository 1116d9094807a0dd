// The one place MySQL error numbers become kfn's exceptions: losing the server is kfn::Unavailable
// (the connection is then useless), anything the server refused is kfn::SqlError.
#pragma once

#include <string>
#include <string_view>

#include "kfn/errors.h"

namespace kfn::host {

// Errors after which the connection cannot be trusted, or the server cannot take more work.
inline bool is_connection_error(unsigned code) {
  switch (code) {
    case 1040:  // ER_CON_COUNT_ERROR: too many connections
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1927:  // ER_CONNECTION_KILLED
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2005:  // CR_UNKNOWN_HOST: DNS may come back
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
    case 5013:  // CR_ERR_NET_READ
    case 5014:  // CR_ERR_NET_WRITE
      return true;
    default:
      return false;
  }
}

// `doing` says what failed ("executing", "connecting to mysql://root@db:3306/"), never with a password.
[[noreturn]] inline void raise_mysql_error(unsigned code, std::string_view doing, std::string_view message) {
  std::string what = "mysql: ";
  what += doing;
  what += ": ";
  what += message;
  what += " (" + std::to_string(code) + ")";
  if (is_connection_error(code)) throw Unavailable(what);
  throw SqlError(what, code);
}

}  // namespace kfn::host
