#include "lib/token_crypto.h"

#include <catch2/catch.hpp>

TEST_CASE("base64url_encode follows RFC 4648 without padding", "[token_crypto]") {
  CHECK(users::base64url_encode("") == "");
  CHECK(users::base64url_encode("f") == "Zg");
  CHECK(users::base64url_encode("fo") == "Zm8");
  CHECK(users::base64url_encode("foo") == "Zm9v");
  CHECK(users::base64url_encode("foobar") == "Zm9vYmFy");
  CHECK(users::base64url_encode("\xFB\xFF") == "-_8");  // the URL-safe characters
}

TEST_CASE("sha256 matches the FIPS 180-2 test vector", "[token_crypto]") {
  CHECK(users::hex_encode(users::sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(users::sha256("").size() == 32);
}

TEST_CASE("refresh tokens are 43 base64url characters and never repeat", "[token_crypto]") {
  std::string const a = users::new_refresh_token();
  std::string const b = users::new_refresh_token();
  CHECK(a.size() == 43);
  CHECK(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  CHECK(a != b);
  CHECK(users::sha256(a) != users::sha256(b));
}

TEST_CASE("family ids are 32 lower-case hex digits", "[token_crypto]") {
  std::string const id = users::new_family_id();
  CHECK(id.size() == 32);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(users::random_bytes(0).empty());
  CHECK(users::random_bytes(16).size() == 16);
}
