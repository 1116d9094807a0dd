// The MySQL server address kfn is configured with: mysql://user[:password]@host[:port][/].
// The schema is not part of it; each bounded context names its own.
#pragma once

#include <string>
#include <string_view>

namespace kfn::host {

struct MysqlUrl {
  std::string user;
  std::string password;  // never log it; use masked() instead
  std::string host;
  unsigned port = 3306;

  // The URL with the password replaced by "***", fit for logs and error messages.
  [[nodiscard]] std::string masked() const;
};

// Percent-decodes user and password. Throws std::invalid_argument (without echoing the password)
// when the text is not such a URL.
MysqlUrl parse_mysql_url(std::string_view url);

}  // namespace kfn::host
