#include "http/sso/oidc.h"

#include <curl/curl.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "app/secrets.h"

namespace okr::http::sso {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxAnswer = 1 << 20;
constexpr std::size_t kMaxToken = 64 * 1024;

Error unavailable(std::string message) {
  return Error{ErrorCode::unavailable, "provider", std::move(message)};
}

Error refused(std::string message) {
  return Error{ErrorCode::forbidden, "id_token", std::move(message)};
}

// URL-safe base64 without padding, strictly (no other characters).
std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.empty()) return std::string();
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

std::string base64url_encode(const unsigned char* bytes, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

std::optional<std::string> string_member(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return std::nullopt;
  return std::string(it->value().as_string());
}

std::optional<double> number_member(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  if (it->value().is_int64()) return static_cast<double>(it->value().as_int64());
  if (it->value().is_uint64()) return static_cast<double>(it->value().as_uint64());
  if (it->value().is_double()) return it->value().as_double();
  return std::nullopt;
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// A public key from a JWK, or nullopt when it is not a usable RSA (≥ 2048 bits) or
// P-256 key.
Pkey key_from_jwk(const json::object& jwk) {
  auto kty = string_member(jwk, "kty");
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  if (!bld) return nullptr;
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld_guard(bld,
                                                                            OSSL_PARAM_BLD_free);
  std::vector<BIGNUM*> numbers;
  struct BnGuard {
    std::vector<BIGNUM*>& v;
    ~BnGuard() {
      for (auto* b : v) BN_free(b);
    }
  } bn_guard{numbers};
  const char* type = nullptr;
  std::string point;
  if (kty == "RSA") {
    auto n = string_member(jwk, "n"), e = string_member(jwk, "e");
    if (!n || !e) return nullptr;
    auto nb = base64url_decode(*n), eb = base64url_decode(*e);
    if (!nb || !eb || nb->size() < 256 || nb->size() > 1024 || eb->empty() || eb->size() > 8)
      return nullptr;
    BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(nb->data()),
                             static_cast<int>(nb->size()), nullptr);
    numbers.push_back(bn_n);
    BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(eb->data()),
                             static_cast<int>(eb->size()), nullptr);
    numbers.push_back(bn_e);
    if (!bn_n || !bn_e || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) ||
        !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e))
      return nullptr;
    type = "RSA";
  } else if (kty == "EC") {
    auto crv = string_member(jwk, "crv"), x = string_member(jwk, "x"), y = string_member(jwk, "y");
    if (crv != "P-256" || !x || !y) return nullptr;
    auto xb = base64url_decode(*x), yb = base64url_decode(*y);
    if (!xb || !yb || xb->size() != 32 || yb->size() != 32) return nullptr;
    point = "\x04" + *xb + *yb;
    if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()))
      return nullptr;
    type = "EC";
  } else {
    return nullptr;
  }
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  if (!params) return nullptr;
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params_guard(params, OSSL_PARAM_free);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  if (!ctx) return nullptr;
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx_guard(ctx, EVP_PKEY_CTX_free);
  EVP_PKEY* pkey = nullptr;
  if (EVP_PKEY_fromdata_init(ctx) != 1 ||
      EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1)
    return nullptr;
  Pkey key(pkey);
  if (kty == "RSA" && EVP_PKEY_get_bits(pkey) < 2048) return nullptr;
  return key;
}

bool verify_signature(EVP_PKEY* key, const std::string& alg, std::string_view signed_part,
                      const std::string& signature) {
  std::string der;
  const std::string* sig = &signature;
  if (alg == "ES256") {
    // JWS carries r and s as two 32-byte numbers; OpenSSL wants a DER ECDSA-Sig-Value.
    if (signature.size() != 64) return false;
    ECDSA_SIG* s = ECDSA_SIG_new();
    if (!s) return false;
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()), 32, nullptr);
    BIGNUM* ss =
        BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()) + 32, 32, nullptr);
    if (!r || !ss || ECDSA_SIG_set0(s, r, ss) != 1) {
      BN_free(r);
      BN_free(ss);
      ECDSA_SIG_free(s);
      return false;
    }
    unsigned char* out = nullptr;
    int len = i2d_ECDSA_SIG(s, &out);
    ECDSA_SIG_free(s);
    if (len <= 0) return false;
    der.assign(reinterpret_cast<char*>(out), static_cast<std::size_t>(len));
    OPENSSL_free(out);
    sig = &der;
  }
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  if (!md) return false;
  bool ok = EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                             reinterpret_cast<const unsigned char*>(signed_part.data()),
                             signed_part.size()) == 1;
  EVP_MD_CTX_free(md);
  return ok;
}

double seconds_since_epoch(Instant t) {
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

bool is_loopback_url(const std::string& url) {
  return url.rfind("http://", 0) == 0 && !app::issuer_url_problem(url).has_value();
}

std::string origin_of(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "";
  auto path = url.find('/', scheme_end + 3);
  return url.substr(0, path);
}

size_t write_body(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() + size * n > kMaxAnswer) return 0;  // ends the transfer
  out->append(data, size * n);
  return size * n;
}

struct Answer {
  long status = 0;
  std::string body;
};

// One request with libcurl. `form`: a POST with this form body; `basic`: HTTP Basic
// credentials (user:password, already form-encoded).
Result<Answer> fetch(const std::string& issuer, const std::string& url,
                     const std::optional<std::string>& form = std::nullopt,
                     const std::string& user = "", const std::string& password = "") {
  if (auto problem = endpoint_problem(issuer, url)) return unavailable(*problem);
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return unavailable("libcurl could not start");
  CURL* curl = curl_easy_init();
  if (!curl) return unavailable("libcurl could not start");
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> guard(curl, curl_easy_cleanup);
  Answer answer;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, is_loopback_url(issuer) ? "http,https" : "https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(kMaxAnswer));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "okr");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers_guard(headers,
                                                                            curl_slist_free_all);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (form) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(form->size()));
  }
  if (!user.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK)
    return unavailable("the sign-in provider at " + origin_of(url) +
                       " could not be reached: " + curl_easy_strerror(rc));
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

std::string form_escape(const std::string& s) {
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string pkce_challenge(const std::string& verifier) {
  unsigned char digest[32];
  unsigned int len = 0;
  EVP_Digest(verifier.data(), verifier.size(), digest, &len, EVP_sha256(), nullptr);
  return base64url_encode(digest, len);
}

std::optional<std::string> endpoint_problem(const std::string& issuer, const std::string& url) {
  if (url.rfind("https://", 0) == 0) {
    if (is_loopback_url(issuer) || !app::issuer_url_problem(url)) return std::nullopt;
    return "the provider named an unusable address";
  }
  if (url.rfind("http://", 0) == 0 && is_loopback_url(issuer) && is_loopback_url(url))
    return std::nullopt;
  return "the provider named an address that is not https://";
}

std::variant<json::object, IdTokenRefusal> verify_id_token(const std::string& token,
                                                           const json::value& jwks,
                                                           const IdTokenExpectations& expect) {
  auto no = [](std::string reason, bool unknown_key = false) {
    return IdTokenRefusal{std::move(reason), unknown_key};
  };
  if (token.size() > kMaxToken) return no("the id token is too large");
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos)
    return no("the id token is not a signed JWT (three parts)");
  auto header_text = base64url_decode(std::string_view(token).substr(0, dot1));
  auto payload_text = base64url_decode(std::string_view(token).substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64url_decode(std::string_view(token).substr(dot2 + 1));
  if (!header_text || !payload_text || !signature) return no("the id token is not base64url");
  auto header = parse_object(*header_text);
  auto claims = parse_object(*payload_text);
  if (!header || !claims) return no("the id token's header or claims are not a JSON object");
  auto alg = string_member(*header, "alg");
  if (!alg) return no("the id token names no algorithm");
  if (*alg != "RS256" && *alg != "ES256")
    return no("the id token's algorithm '" + *alg + "' is not accepted (RS256 or ES256 only)");
  if (header->contains("crit")) return no("the id token has critical header parameters");
  const std::string want_kty = *alg == "RS256" ? "RSA" : "EC";
  auto kid = string_member(*header, "kid");

  // The key: by kid; without a kid, the only signing key of the right type.
  if (!jwks.is_object() || !jwks.as_object().contains("keys") ||
      !jwks.as_object().at("keys").is_array())
    return no("the provider's key set is not a JWK Set");
  const json::object* chosen = nullptr;
  int candidates = 0;
  for (const auto& k : jwks.as_object().at("keys").as_array()) {
    if (!k.is_object()) continue;
    const auto& jwk = k.as_object();
    if (string_member(jwk, "kty") != want_kty) continue;
    if (auto use = string_member(jwk, "use"); use && *use != "sig") continue;
    if (auto key_alg = string_member(jwk, "alg"); key_alg && *key_alg != *alg) continue;
    if (kid) {
      if (string_member(jwk, "kid") == kid) chosen = &jwk;
    } else {
      ++candidates;
      chosen = &jwk;
    }
  }
  if (!kid && candidates > 1) chosen = nullptr;
  if (!chosen) return no("the id token was signed with a key the provider does not list", true);
  Pkey key = key_from_jwk(*chosen);
  if (!key) return no("the provider's key is not a usable RSA (2048 bits or more) or P-256 key");
  if (!verify_signature(key.get(), *alg, std::string_view(token).substr(0, dot2), *signature))
    return no("the id token's signature does not verify");

  // The claims.
  if (string_member(*claims, "iss") != expect.issuer)
    return no("the id token was issued by someone else than " + expect.issuer);
  bool audience = false;
  int audiences = 0;
  if (auto it = claims->find("aud"); it != claims->end()) {
    if (it->value().is_string()) {
      audiences = 1;
      audience = it->value().as_string() == expect.client_id;
    } else if (it->value().is_array()) {
      for (const auto& a : it->value().as_array()) {
        ++audiences;
        if (a.is_string() && a.as_string() == expect.client_id) audience = true;
      }
    }
  }
  if (!audience) return no("the id token is meant for another client (aud)");
  if (auto azp = string_member(*claims, "azp"); (audiences > 1 || azp) && azp != expect.client_id)
    return no("the id token is meant for another client (azp)");
  const double now = seconds_since_epoch(expect.now);
  const double skew = static_cast<double>(kClockSkew.count());
  auto exp = number_member(*claims, "exp");
  if (!exp || !std::isfinite(*exp)) return no("the id token has no expiry (exp)");
  if (*exp + skew <= now) return no("the id token has expired");
  auto iat = number_member(*claims, "iat");
  if (!iat || !std::isfinite(*iat)) return no("the id token has no issue time (iat)");
  if (*iat > now + skew) return no("the id token was issued in the future (iat)");
  if (auto nbf = number_member(*claims, "nbf"); nbf && *nbf > now + skew)
    return no("the id token is not valid yet (nbf)");
  auto nonce = string_member(*claims, "nonce");
  if (!nonce || !app::secrets_equal(*nonce, expect.nonce))
    return no("the id token's nonce is not the one this sign-in sent");
  auto sub = string_member(*claims, "sub");
  if (!sub || sub->empty() || sub->size() > 255) return no("the id token names no subject (sub)");
  return *claims;
}

Result<Discovery> OidcClient::discover(const SsoProvider& provider) {
  {
    std::lock_guard lock(mu_);
    auto it = discovery_.find(provider.issuer);
    if (it != discovery_.end() &&
        std::chrono::steady_clock::now() - it->second.fetched < std::chrono::hours(1))
      return it->second.discovery;
  }
  std::string base = provider.issuer;
  if (!base.empty() && base.back() == '/') base.pop_back();
  auto answer = fetch(provider.issuer, base + "/.well-known/openid-configuration");
  if (!answer) return answer.error();
  if (answer->status != 200)
    return unavailable("the sign-in provider's discovery document answered " +
                       std::to_string(answer->status));
  auto doc = parse_object(answer->body);
  if (!doc) return unavailable("the sign-in provider's discovery document is not JSON");
  Discovery d;
  d.issuer = string_member(*doc, "issuer").value_or("");
  d.authorization_endpoint = string_member(*doc, "authorization_endpoint").value_or("");
  d.token_endpoint = string_member(*doc, "token_endpoint").value_or("");
  d.jwks_uri = string_member(*doc, "jwks_uri").value_or("");
  if (d.issuer != provider.issuer)
    return unavailable("the discovery document names the issuer '" + d.issuer + "', not '" +
                       provider.issuer + "'");
  for (const auto* url : {&d.authorization_endpoint, &d.token_endpoint, &d.jwks_uri})
    if (url->empty() || endpoint_problem(provider.issuer, *url))
      return unavailable("the discovery document names an unusable endpoint '" + *url + "'");
  std::lock_guard lock(mu_);
  discovery_[provider.issuer] = {d, std::chrono::steady_clock::now()};
  return d;
}

Result<std::string> OidcClient::authorization_url(const SsoProvider& provider,
                                                  const std::string& redirect_uri,
                                                  const app::StartedSsoLogin& started) {
  auto d = discover(provider);
  if (!d) return d.error();
  auto parsed = boost::urls::parse_uri(d->authorization_endpoint);
  if (!parsed) return unavailable("the provider's authorization endpoint is not a URL");
  boost::urls::url u(*parsed);
  auto params = u.params();
  params.append({"response_type", "code"});
  params.append({"client_id", provider.client_id});
  params.append({"redirect_uri", redirect_uri});
  params.append({"scope", "openid email profile"});
  params.append({"state", started.state});
  params.append({"nonce", started.nonce});
  params.append({"code_challenge", pkce_challenge(started.code_verifier)});
  params.append({"code_challenge_method", "S256"});
  return std::string(u.buffer());
}

Result<json::value> OidcClient::keys(const SsoProvider& provider, const Discovery& d,
                                     bool refresh) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    auto it = keys_.find(d.jwks_uri);
    // A refresh asked for within a second of the last fetch reuses it: a token naming an
    // unknown key cannot make okr hammer the provider.
    if (it != keys_.end() && (refresh ? now - it->second.fetched < std::chrono::seconds(1)
                                      : now - it->second.fetched < std::chrono::hours(1)))
      return it->second.jwks;
  }
  auto answer = fetch(provider.issuer, d.jwks_uri);
  if (!answer) return answer.error();
  if (answer->status != 200)
    return unavailable("the sign-in provider's keys answered " + std::to_string(answer->status));
  auto doc = parse_object(answer->body);
  if (!doc) return unavailable("the sign-in provider's keys are not JSON");
  json::value jwks(std::move(*doc));
  std::lock_guard lock(mu_);
  keys_[d.jwks_uri] = {jwks, now};
  return jwks;
}

Result<app::VerifiedIdentity> OidcClient::finish(const SsoProvider& provider, const SsoLogin& login,
                                                 const std::string& code, Instant now) {
  auto d = discover(provider);
  if (!d) return d.error();
  std::string form = "grant_type=authorization_code&code=" + form_escape(code) +
                     "&redirect_uri=" + form_escape(login.redirect_uri) +
                     "&code_verifier=" + form_escape(login.code_verifier) +
                     "&client_id=" + form_escape(provider.client_id);
  // client_secret_basic: both parts form-encoded first (RFC 6749, 2.3.1).
  auto answer = fetch(provider.issuer, d->token_endpoint, form, form_escape(provider.client_id),
                      form_escape(provider.client_secret));
  if (!answer) return answer.error();
  auto body = parse_object(answer->body);
  if (answer->status != 200) {
    std::string why = body ? string_member(*body, "error").value_or("") : "";
    return refused("the provider refused the sign-in code" + (why.empty() ? "" : " (" + why + ")"));
  }
  if (!body) return unavailable("the provider's token answer is not JSON");
  auto id_token = string_member(*body, "id_token");
  if (!id_token) return refused("the provider's token answer holds no id token");
  IdTokenExpectations expect{provider.issuer, provider.client_id, login.nonce, now};
  auto jwks = keys(provider, *d, false);
  if (!jwks) return jwks.error();
  auto checked = verify_id_token(*id_token, *jwks, expect);
  if (auto* r = std::get_if<IdTokenRefusal>(&checked); r && r->unknown_key) {
    jwks = keys(provider, *d, true);  // the provider may have rotated its keys
    if (!jwks) return jwks.error();
    checked = verify_id_token(*id_token, *jwks, expect);
  }
  if (auto* r = std::get_if<IdTokenRefusal>(&checked)) return refused(r->reason);
  const auto& claims = std::get<json::object>(checked);
  app::VerifiedIdentity who;
  who.issuer = provider.issuer;
  who.subject = *string_member(claims, "sub");
  who.email = string_member(claims, "email");
  auto truthy = [&](std::string_view key) {
    auto it = claims.find(key);
    if (it == claims.end()) return false;
    return (it->value().is_bool() && it->value().as_bool()) ||
           (it->value().is_string() && it->value().as_string() == "true");
  };
  // Entra ID says a verified e-mail domain with its optional claim xms_edov.
  who.email_verified = truthy("email_verified") || truthy("xms_edov");
  who.name = string_member(claims, "name").value_or("");
  // The groups claim (Okta, Keycloak, Entra ID's group ids or names): an array of
  // strings, or one string. Anything else in it is left out; app/ checks the names.
  if (auto it = claims.find("groups"); it != claims.end()) {
    std::vector<std::string> groups;
    if (it->value().is_string()) groups.emplace_back(it->value().as_string());
    if (it->value().is_array())
      for (const auto& g : it->value().as_array())
        if (g.is_string()) groups.emplace_back(g.as_string());
    who.groups = std::move(groups);
  }
  return who;
}

}  // namespace okr::http::sso
