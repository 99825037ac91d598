#include "app/sso.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "app/edit.h"
#include "app/run.h"
#include "app/scim.h"
#include "app/secrets.h"
#include "core/validate.h"
#include "formats/json_model.h"

namespace okr::app {
namespace {

std::vector<std::string> split_domains(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string d; in >> d;) out.push_back(d);
  return out;
}

SsoProviderView view_of(const SsoProvider& p) {
  return {p.name,      p.display_name, p.issuer, p.client_id, split_domains(p.allowed_domains),
          p.created_at};
}

// A provider as the audit trail records it: never its secret.
std::string provider_text(const SsoProvider& p) {
  boost::json::array domains;
  for (const auto& d : split_domains(p.allowed_domains)) domains.push_back(boost::json::value(d));
  return formats::to_text(boost::json::object{{"name", p.name},
                                              {"display_name", p.display_name},
                                              {"issuer", p.issuer},
                                              {"client_id", p.client_id},
                                              {"allowed_domains", std::move(domains)}});
}

bool valid_name(const std::string& name) {
  return !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool valid_domain(const std::string& d) {
  return !d.empty() && d.size() <= 253 && d.front() != '.' && d.back() != '.' &&
         d.find('.') != std::string::npos && std::all_of(d.begin(), d.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
         });
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error refused(std::string message) {
  return Error{ErrorCode::forbidden, "", std::move(message)};
}

}  // namespace

std::optional<std::string> issuer_url_problem(const std::string& url) {
  std::string rest;
  bool https = false;
  if (url.rfind("https://", 0) == 0) {
    https = true;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return "the issuer must be an https:// URL";
  }
  if (url.size() > 500) return "the issuer URL is longer than 500 characters";
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f || c == '?' || c == '#' || c == '@' || c == '\\')
      return "the issuer URL may not hold spaces, a user name, a query or a fragment";
  std::string host = rest.substr(0, rest.find('/'));
  if (host.empty()) return "the issuer URL has no host";
  if (!https) {
    std::string name = host;
    if (name.front() == '[') {
      name = name.substr(0, name.find(']') + 1);
    } else {
      name = name.substr(0, name.find(':'));
    }
    bool loopback = name == "localhost" || name == "[::1]" || name.rfind("127.", 0) == 0;
    if (!loopback) return "the issuer must be an https:// URL (http only on this machine)";
  }
  return std::nullopt;
}

SsoOnly read_sso_only(Transaction& tx) {
  SsoOnly s;
  s.on = tx.setting("sso_only").value_or("") == "on";
  if (s.on) s.break_glass = tx.setting("sso_only_break_glass").value_or("");
  return s;
}

Result<SsoOnly> SingleSignOn::sso_only() {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) { return read_sso_only(tx); });
}

Result<SsoOnly> SingleSignOn::set_sso_only(bool on, const std::string& break_glass,
                                           const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "change how people sign in");
    const SsoOnly before = read_sso_only(tx);
    SsoOnly after{on, ""};
    if (on) {
      if (tx.list_sso_providers().empty())
        fail(Error::conflict("",
                             "add a sign-in provider first (okr sso add): with single "
                             "sign-on only, nobody else could sign in"));
      if (break_glass.empty())
        fail(Error::invalid("break_glass",
                            "name the break-glass administrator who may still "
                            "sign in with a password"));
      auto admin = tx.find_user_by_email(normalize_email(break_glass));
      if (!admin) fail(Error::not_found("break_glass", "no user with e-mail " + break_glass));
      if (!admin->admin || admin->disabled || !tx.password_hash(admin->id))
        fail(Error::invalid("break_glass", admin->email + " must be an enabled administrator "
                                                          "with a password"));
      after.break_glass = admin->email;
    }
    tx.put_setting("sso_only", on ? "on" : "off");
    tx.put_setting("sso_only_break_glass", after.break_glass);
    auto text = [](const SsoOnly& s) {
      return formats::to_text(boost::json::object{{"on", s.on}, {"break_glass", s.break_glass}});
    };
    tx.add_audit_event({0, app_.now(), actor.user_id, "update", "setting", std::nullopt,
                        text(before), text(after)});
    return after;
  });
}

Result<SsoProviderView> SingleSignOn::add_provider(const NewSsoProvider& in, const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "add sign-in providers");
    if (!valid_name(in.name))
      fail(Error::invalid("name", "a provider's name has 1–40 of a–z, 0–9 and '-'"));
    SsoProvider p{0,         in.name,      in.display_name.empty() ? in.name : in.display_name,
                  in.issuer, in.client_id, in.client_secret,
                  "",        app_.now()};
    if (auto e = check_text(p.display_name, "display_name")) fail(*e);
    if (p.display_name.size() > 100)
      fail(Error::invalid("display_name", "a display name has at most 100 characters"));
    if (auto problem = issuer_url_problem(p.issuer)) fail(Error::invalid("issuer", *problem));
    if (p.client_id.empty() || p.client_id.size() > 300)
      fail(Error::invalid("client_id", "a client id of 1–300 characters is needed"));
    if (auto e = check_text(p.client_id, "client_id")) fail(*e);
    if (p.client_secret.empty() || p.client_secret.size() > 2000)
      fail(Error::invalid("client_secret", "a client secret of 1–2000 characters is needed"));
    for (const auto& raw : in.allowed_domains) {
      std::string d = lower(raw);
      if (!d.empty() && d.front() == '@') d.erase(0, 1);
      if (!valid_domain(d))
        fail(Error::invalid("allowed_domains", "'" + raw + "' is not an e-mail domain"));
      if (!p.allowed_domains.empty()) p.allowed_domains += ' ';
      p.allowed_domains += d;
    }
    if (tx.find_sso_provider(p.name))
      fail(Error::conflict("name", "a sign-in provider named '" + p.name + "' exists already"));
    p.id = tx.create_sso_provider(p);
    tx.add_audit_event(
        {0, app_.now(), actor.user_id, "create", "sso_provider", p.id, "", provider_text(p)});
    return view_of(p);
  });
}

Result<Ok> SingleSignOn::remove_provider(const std::string& name, const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "remove sign-in providers");
    auto p = tx.find_sso_provider(name);
    if (!p) fail(Error::not_found("name", "no sign-in provider named '" + name + "'"));
    tx.delete_sso_provider(p->id);
    tx.add_audit_event(
        {0, app_.now(), actor.user_id, "delete", "sso_provider", p->id, provider_text(*p), ""});
    return Ok{};
  });
}

Result<std::vector<SsoProviderView>> SingleSignOn::list_providers() {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    std::vector<SsoProviderView> out;
    for (const auto& p : tx.list_sso_providers()) out.push_back(view_of(p));
    return out;
  });
}

Result<SsoProvider> SingleSignOn::provider(const std::string& name) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    auto p = tx.find_sso_provider(name);
    if (!p) fail(Error::not_found("provider", "no sign-in provider named '" + name + "'"));
    return *p;
  });
}

Result<StartedSsoLogin> SingleSignOn::start(const SsoProvider& provider,
                                            const std::string& redirect_uri,
                                            const std::string& return_to) {
  StartedSsoLogin started{new_secret(""), new_secret(""), new_secret(""), new_secret("")};
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    const Instant now = app_.now();
    tx.forget_sso_logins(now);
    tx.put_sso_login({secret_hash(started.state), provider.id, started.nonce, started.code_verifier,
                      secret_hash(started.browser_secret), redirect_uri, return_to, now,
                      now + kLoginLifetime});
    return started;
  });
}

Result<SsoLogin> SingleSignOn::take(const std::string& state, const std::string& browser_secret) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    auto login = tx.take_sso_login(secret_hash(state));
    if (!login)
      fail(Error::invalid("state", "this sign-in is unknown or was used already; start again"));
    if (!secrets_equal(login->browser_hash, secret_hash(browser_secret)))
      fail(Error::invalid("state", "this sign-in was started in another browser; start again"));
    if (login->expires_at <= app_.now())
      fail(Error::invalid("state", "this sign-in took too long; start again"));
    return *login;
  });
}

Result<IssuedSecret> SingleSignOn::sign_in(const SsoProvider& provider,
                                           const VerifiedIdentity& who) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    const Instant now = app_.now();
    std::optional<User> user;
    if (auto linked = tx.find_sso_identity(who.issuer, who.subject)) {
      user = tx.find_user(linked->user_id);
    } else {
      if (!who.email || who.email->empty())
        fail(refused("the provider did not say the person's e-mail; okr needs it"));
      if (!who.email_verified)
        fail(refused("the provider has not verified " + *who.email +
                     "; okr links only verified "
                     "e-mails"));
      const std::string email = normalize_email(*who.email);
      const auto allowed = split_domains(provider.allowed_domains);
      const std::string domain = email.substr(email.rfind('@') + 1);
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), domain) == allowed.end())
        fail(refused("e-mail addresses at " + domain + " may not sign in with " +
                     provider.display_name));
      user = tx.find_user_by_email(email);
      if (!user) {
        User u{0, email, who.name.empty() ? email.substr(0, email.find('@')) : who.name, false, 1};
        if (auto e = check_text(u.name, "name"); e || u.name.size() > 200)
          u.name = email.substr(0, email.find('@'));
        if (auto e = validate(u))
          fail(refused("the provider's e-mail cannot be used: " + e->message));
        u.id = tx.create_user(u);
        AuditEvent e{0,      now,  std::nullopt, "create",
                     "user", u.id, "",           formats::to_text(formats::to_json(u))};
        tx.add_audit_event(e);
        user = u;
      }
      tx.put_sso_identity({who.issuer, who.subject, user->id, provider.id, now});
      tx.add_audit_event({0, now, user->id, "link", "sso_identity", user->id, "",
                          formats::to_text(boost::json::object{{"issuer", who.issuer},
                                                               {"subject", who.subject}})});
    }
    if (!user) fail(refused("the account linked to this sign-in no longer exists"));
    if (user->disabled) fail(refused("the account " + user->email + " is disabled"));
    if (who.groups) {
      // The claim replaces what this provider said before; names that could not be a
      // group's are left out rather than refusing the person.
      std::vector<std::string> groups;
      for (const auto& g : *who.groups)
        if (!g.empty() && g.size() <= 200 && !check_text(g, "groups") && groups.size() < 500)
          groups.push_back(g);
      tx.set_provider_groups(user->id, provider.name, groups);
      apply_group_mappings(tx, now, user->id);
    }
    IssuedSecret issued{new_secret("okr_s_"), user->id, now + Accounts::kSessionLifetime};
    tx.create_session({secret_hash(issued.secret), user->id, now, issued.expires_at});
    return issued;
  });
}

}  // namespace okr::app
