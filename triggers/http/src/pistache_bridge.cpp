#include "pistache_bridge.h"

#include <string>

namespace kfn::http {
namespace {

std::string rebuild_query(Pistache::Http::Uri::Query const& query) {
  std::string raw;
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it) {
    if (!raw.empty()) raw += '&';
    raw += it->first;
    raw += '=';
    raw += it->second;
  }
  return raw;
}

}  // namespace

HttpRequest to_kfn_request(Pistache::Http::Request const& request) {
  HttpRequest out;
  out.method = Pistache::Http::methodString(request.method());
  out.path = request.resource();
  // Pistache splits the query into a map and keeps no raw text; the pairs are still undecoded.
  out.query = rebuild_query(request.query());
  for (auto const& [name, raw] : request.headers().rawList()) out.headers.add(raw.name(), raw.value());
  out.body = request.body();
  out.remote_address = request.address().host();
  return out;
}

}  // namespace kfn::http
