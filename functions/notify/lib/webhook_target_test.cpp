#include "lib/webhook_target.h"

#include <catch2/catch.hpp>

namespace {

notify::WebhookTarget target(std::string const& url) {
  auto parsed = notify::parse_webhook_url(url);
  if (auto const* why = std::get_if<std::string>(&parsed)) FAIL(*why);
  return std::get<notify::WebhookTarget>(parsed);
}

std::string refusal(std::string const& url) {
  auto parsed = notify::parse_webhook_url(url);
  REQUIRE(std::holds_alternative<std::string>(parsed));
  return std::get<std::string>(parsed);
}

}  // namespace

TEST_CASE("webhook URLs give host, port and request target", "[webhook]") {
  auto const plain = target("http://push.example.com/hooks/chat?x=1");
  CHECK(plain.host == "push.example.com");
  CHECK(plain.port == 80);
  CHECK(plain.target == "/hooks/chat?x=1");
  CHECK(plain.host_header == "push.example.com");

  auto const with_port = target("HTTP://127.0.0.1:9000");
  CHECK(with_port.host == "127.0.0.1");
  CHECK(with_port.port == 9000);
  CHECK(with_port.target == "/");
  CHECK(with_port.host_header == "127.0.0.1:9000");

  auto const v6 = target("http://[::1]:8081/p#fragment");
  CHECK(v6.host == "::1");
  CHECK(v6.port == 8081);
  CHECK(v6.target == "/p");
  CHECK(target("http://h?q=1").target == "/?q=1");
}

TEST_CASE("webhook URLs that cannot work are refused with the reason", "[webhook]") {
  CHECK(refusal("https://push.example.com/").find("https") != std::string::npos);
  CHECK(refusal("ftp://push.example.com/").find("http://") != std::string::npos);
  CHECK(refusal("http:///path").find("no host") != std::string::npos);
  CHECK(refusal("http://h:0/").find("port") != std::string::npos);
  CHECK(refusal("http://h:70000/").find("port") != std::string::npos);
  CHECK(refusal("http://user:pw@h/").find("credentials") != std::string::npos);
  CHECK(refusal("http://h/a b").find("spaces") != std::string::npos);
  CHECK(refusal("http://h/\r\nX-Evil: 1").find("control") != std::string::npos);
  CHECK(refusal("http://[::1/").find("IPv6") != std::string::npos);
}
