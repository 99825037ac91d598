// The network half of OpenID Connect sign-in: a provider's discovery document and
// keys fetched with libcurl, the authorization code exchanged for an id token, and the
// id token's signature (RS256, ES256; OpenSSL) and claims checked. What comes out is a
// VerifiedIdentity for app/sso.h.
//
// libcurl talks only to the provider's own addresses over https (plain http only when
// the issuer is on this machine, and then only to this machine), follows no redirect,
// and gives up after a few seconds and on answers larger than 1 MiB.
//
// Thread safety: an OidcClient may be shared by the server's threads.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "app/sso.h"
#include "core/result.h"
#include "storage/store.h"

namespace okr::http::sso {

// How far the provider's clock may be from ours when checking exp, iat and nbf.
inline constexpr std::chrono::seconds kClockSkew{60};

// What an id token must say to be accepted.
struct IdTokenExpectations {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  Instant now{};
};

// Why verify_id_token refused a token. `unknown_key` tells the caller that fetching
// the provider's keys again may help (its keys rotated).
struct IdTokenRefusal {
  std::string reason;
  bool unknown_key = false;
};

// Checks a compact JWS id token against a JWK Set: the header's alg is RS256 or ES256
// (never none, never HS*), the key is found by kid and fits the alg, the signature
// verifies, and iss, aud (and azp), exp, iat, nbf, nonce and sub are as expected.
// Returns the token's claims, or why it was refused.
std::variant<boost::json::object, IdTokenRefusal> verify_id_token(
    const std::string& token, const boost::json::value& jwks, const IdTokenExpectations& expect);

// The URL-safe base64 without padding of SHA-256(`verifier`): the PKCE S256 challenge.
std::string pkce_challenge(const std::string& verifier);

// Why libcurl may not fetch `url` for a provider with `issuer` (see the top), or nullopt.
std::optional<std::string> endpoint_problem(const std::string& issuer, const std::string& url);

struct Discovery {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
};

class OidcClient {
 public:
  OidcClient() = default;
  OidcClient(const OidcClient&) = delete;
  OidcClient& operator=(const OidcClient&) = delete;

  // The provider's discovery document, cached for an hour. Error::unavailable when the
  // provider cannot be reached or answers nonsense.
  Result<Discovery> discover(const SsoProvider& provider);

  // Where the browser goes to sign in at the provider.
  Result<std::string> authorization_url(const SsoProvider& provider,
                                        const std::string& redirect_uri,
                                        const app::StartedSsoLogin& started);

  // Exchanges `code` (with the login's PKCE verifier) for an id token and verifies it,
  // fetching the provider's keys again once when the token names a key not yet known.
  // Error::forbidden (field "id_token") when the token is refused.
  Result<app::VerifiedIdentity> finish(const SsoProvider& provider, const SsoLogin& login,
                                       const std::string& code, Instant now);

 private:
  Result<boost::json::value> keys(const SsoProvider& provider, const Discovery& d, bool refresh);

  struct CachedDiscovery {
    Discovery discovery;
    std::chrono::steady_clock::time_point fetched;
  };
  struct CachedKeys {
    boost::json::value jwks;
    std::chrono::steady_clock::time_point fetched;
  };
  std::mutex mu_;
  std::map<std::string, CachedDiscovery> discovery_;  // by issuer
  std::map<std::string, CachedKeys> keys_;            // by jwks_uri
};

}  // namespace okr::http::sso
