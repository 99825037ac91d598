// Single sign-on with OpenID Connect: the providers an organisation signs in with,
// the sign-ins on their way through a provider, and the accounts they open.
//
// The network half (discovery, keys, the token exchange, checking the id token's
// signature and claims) lives in http/sso/; this file is given only what was verified
// there. A person is linked to a user by (issuer, subject), never by an e-mail the
// provider has not verified.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/app.h"

namespace okr::app {

// What `add_provider` stores. `name` is short and URL-safe ("okta", "entra").
struct NewSsoProvider {
  std::string name;
  std::string display_name;  // default: the name
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> allowed_domains;  // empty: any verified e-mail
};

// A provider as anyone may see it: never its secret.
struct SsoProviderView {
  std::string name;
  std::string display_name;
  std::string issuer;
  std::string client_id;
  std::vector<std::string> allowed_domains;
  Instant created_at{};
};

// A sign-in started: what goes to the provider and the cookie that ties the callback
// to this browser. Only hashes of `state` and `browser_secret` are stored.
struct StartedSsoLogin {
  std::string state;
  std::string nonce;
  std::string code_verifier;
  std::string browser_secret;
};

// The claims of an id token whose signature, issuer, audience, times and nonce were
// checked.
struct VerifiedIdentity {
  std::string issuer;
  std::string subject;
  std::optional<std::string> email;
  bool email_verified = false;
  std::string name;
  // The `groups` claim, when the token has one: it replaces the groups this provider
  // gave the person before, and the group mappings are applied.
  std::optional<std::vector<std::string>> groups;
};

// Why an issuer URL cannot be used, or nullopt: https, or http on a loopback address
// (127.0.0.0/8, [::1], localhost) for a provider on the same machine; no user name,
// query or fragment.
std::optional<std::string> issuer_url_problem(const std::string& url);

// "Single sign-on only": password sign-in is refused for everyone but one break-glass
// administrator, who can still get in when the provider is down.
struct SsoOnly {
  bool on = false;
  std::string break_glass;  // the administrator's e-mail, while on
};

// The setting as stored (off when never set).
SsoOnly read_sso_only(Transaction& tx);

class SingleSignOn {
 public:
  // A started sign-in must come back within this time.
  static constexpr std::chrono::minutes kLoginLifetime{10};

  explicit SingleSignOn(App& app) : app_(app) {}

  // Administrators only. The name must be new: 1–40 of a–z, 0–9 and '-'.
  Result<SsoProviderView> add_provider(const NewSsoProvider& provider, const Actor& actor);
  Result<Ok> remove_provider(const std::string& name, const Actor& actor);
  // Every provider, by name; anyone may list them (the sign-in page shows a button each).
  Result<std::vector<SsoProviderView>> list_providers();
  // The stored provider with its secret, for the network half only.
  Result<SsoProvider> provider(const std::string& name);

  // Starts a sign-in with `provider`: stores state, nonce and PKCE verifier.
  Result<StartedSsoLogin> start(const SsoProvider& provider, const std::string& redirect_uri,
                                const std::string& return_to);
  // Takes the started sign-in back by its `state` (once: a second call finds nothing),
  // checking it came back to the browser that started it and in time. A refused call
  // takes nothing: someone else's browser cannot use up a person's sign-in.
  Result<SsoLogin> take(const std::string& state, const std::string& browser_secret);

  // Signs in the person a provider vouched for: their linked user, else the user with
  // their verified e-mail (linked from now on), else a new user (just in time). Refuses
  // an unverified or missing e-mail, a domain outside the provider's allow-list and a
  // disabled user. Opens a session as a password sign-in does.
  Result<IssuedSecret> sign_in(const SsoProvider& provider, const VerifiedIdentity& who);

  Result<SsoOnly> sso_only();
  // Administrators only. Turning it on needs a provider to sign in with and names the
  // break-glass account: an enabled administrator with a password. Sessions already
  // open stay open.
  Result<SsoOnly> set_sso_only(bool on, const std::string& break_glass, const Actor& actor);

 private:
  App& app_;
};

}  // namespace okr::app
