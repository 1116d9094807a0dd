// Calling a function over HTTP the way a client would, using its manifest to find the route.
#include "invoke_command.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <stdexcept>

#include "http_client.h"
#include "kfn/host/manifest.h"

namespace kfn::runner {
namespace {

std::string percent_encode(std::string const& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string fill_path_template(std::string const& path_template,
                               std::vector<std::pair<std::string, std::string>> const& params) {
  std::string path;
  std::size_t pos = 0;
  while (pos < path_template.size()) {
    auto open = path_template.find('{', pos);
    if (open == std::string::npos) {
      path += path_template.substr(pos);
      break;
    }
    auto close = path_template.find('}', open);
    if (close == std::string::npos) throw std::invalid_argument("unclosed { in " + path_template);
    path += path_template.substr(pos, open - pos);
    auto name = path_template.substr(open + 1, close - open - 1);
    auto found = std::find_if(params.begin(), params.end(), [&](auto const& p) { return p.first == name; });
    if (found == params.end()) throw std::invalid_argument("missing --param " + name + "=...");
    path += percent_encode(found->second);
    pos = close + 1;
  }
  return path;
}

int invoke(InvokeOptions const& options) {
  auto catalogue = kfn::host::load_catalogue(options.manifests);
  auto const* manifest = catalogue.function(options.function);
  if (manifest == nullptr) {
    std::cerr << "kfn invoke: no function named '" << options.function << "' in " << options.manifests << "\n";
    return 2;
  }
  if (!manifest->http) {
    std::cerr << "kfn invoke: '" << options.function << "' has no HTTP trigger\n";
    return 2;
  }
  std::string path;
  try {
    path = fill_path_template(manifest->http->path, options.params);
  } catch (std::invalid_argument const& e) {
    std::cerr << "kfn invoke: " << e.what() << "\n";
    return 2;
  }
  auto [host, port] = parse_base_url(options.url);
  HttpClient client(host, port);
  std::vector<std::pair<std::string, std::string>> headers;
  if (!options.token.empty()) headers.emplace_back("Authorization", "Bearer " + options.token);
  auto response = client.request(manifest->http->method, path, options.data, headers);
  std::cout << response.status << "\n" << response.body << "\n";
  return response.status >= 200 && response.status < 300 ? 0 : 1;
}

}  // namespace kfn::runner
