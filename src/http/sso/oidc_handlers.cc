// /sso/{name}/start and /sso/{name}/callback: OpenID Connect's authorization code flow
// with PKCE, state and nonce. The id token is verified here (oidc.h) before app/ sees
// who signed in.
#include <memory>

#include "app/sso.h"
#include "core/text.h"
#include "http/api/support.h"
#include "http/sso/oidc.h"
#include "http/sso/routes.h"

namespace okr::http {
namespace {

// Ties a started sign-in to the browser that started it. SameSite=Lax: it must come
// back on the provider's top-level redirect to the callback.
constexpr std::string_view kLoginCookie = "okr_sso_login";

std::optional<std::string> cookie(const Request& request, std::string_view wanted) {
  for (const auto& [name, value] : request.headers) {
    if (name.size() != 6 || !std::equal(name.begin(), name.end(), "cookie", [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        }))
      continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == wanted)
        return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

// A page a person reads in the browser when sign-in did not work.
Response failure_page(int status, std::string_view message) {
  std::string body =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in failed — "
      "okr</title></head><body><main><h1>Sign-in failed</h1><p id=\"reason\">" +
      html_escape(message) +
      "</p><p><a href=\"/signin\">Back to sign-in</a></p></main></body></html>";
  auto r = Response::text(status, std::move(body), "text/html; charset=utf-8");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

int status_of(const Error& e) {
  switch (e.code) {
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::unavailable:
      return 502;
    case ErrorCode::busy:
      return 503;
    case ErrorCode::io:
    case ErrorCode::internal:
      return 500;
    default:
      return 400;
  }
}

Response failure_page(const Error& e) {
  auto r = failure_page(status_of(e), e.code == ErrorCode::internal || e.code == ErrorCode::io
                                          ? "something went wrong inside okr"
                                          : e.message);
  if (e.code == ErrorCode::internal || e.code == ErrorCode::io) r.log_detail = e.message;
  return r;
}

// The address the provider sends the browser back to. The provider checks it against
// the redirect URIs registered for the client, so a forged Host only breaks the sign-in.
std::optional<std::string> redirect_uri(const Request& request, const std::string& name) {
  auto host = request.header("host");
  if (!host || host->empty() || host->size() > 255) return std::nullopt;
  for (char c : *host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
          c == '[' || c == ']'))
      return std::nullopt;
  return std::string(request.secure ? "https://" : "http://") + std::string(*host) + "/sso/" +
         name + "/callback";
}

// Where to go after signing in: a path of this site only.
std::string return_path(std::optional<std::string_view> next) {
  if (!next || next->empty() || next->size() > 1000 || next->front() != '/' ||
      (next->size() > 1 && ((*next)[1] == '/' || (*next)[1] == '\\')))
    return "/";
  for (char c : *next)
    if (static_cast<unsigned char>(c) < 0x21 || c == '"' || c == '<' || c == '>' || c == '\\')
      return "/";
  return std::string(*next);
}

std::string cookie_header(const Request& request, std::string_view name, std::string_view value,
                          std::string_view path, std::string_view same_site, long max_age) {
  std::string c = std::string(name) + "=" + std::string(value) + "; Path=" + std::string(path) +
                  "; HttpOnly; SameSite=" + std::string(same_site) +
                  "; Max-Age=" + std::to_string(max_age);
  if (request.secure) c += "; Secure";
  return c;
}

}  // namespace

void add_sso_routes(Router& router, app::App& app) {
  auto client = std::make_shared<sso::OidcClient>();
  router.add(Method::get, "/sso/{name}/start", "sso.start", [&app, client](const Request& request) {
    app::SingleSignOn sso(app);
    const std::string name(request.param("name"));
    auto provider = sso.provider(name);
    if (!provider) return failure_page(provider.error());
    auto back = redirect_uri(request, name);
    if (!back) return failure_page(400, "the request's Host header is not an address");
    // Discover before storing anything: an unreachable provider leaves no trace.
    if (auto d = client->discover(*provider); !d) return failure_page(d.error());
    auto started = sso.start(*provider, *back, return_path(request.query_param("next")));
    if (!started) return failure_page(started.error());
    auto url = client->authorization_url(*provider, *back, *started);
    if (!url) return failure_page(url.error());
    Response r;
    r.status = 302;
    r.headers.set("Location", *url);
    r.headers.set("Cache-Control", "no-store");
    r.headers.set("Set-Cookie",
                  cookie_header(request, kLoginCookie, started->browser_secret, "/sso/", "Lax",
                                std::chrono::duration_cast<std::chrono::seconds>(
                                    app::SingleSignOn::kLoginLifetime)
                                    .count()));
    return r;
  });
  router.add(
      Method::get, "/sso/{name}/callback", "sso.callback", [&app, client](const Request& request) {
        app::SingleSignOn sso(app);
        const std::string name(request.param("name"));
        auto provider = sso.provider(name);
        if (!provider) return failure_page(provider.error());
        auto state = request.query_param("state");
        if (!state || state->empty() || state->size() > 200)
          return failure_page(400, "the provider sent no state; start the sign-in again");
        auto browser = cookie(request, kLoginCookie);
        if (!browser)
          return failure_page(400,
                              "this browser did not start this sign-in (its cookie is missing); "
                              "start again");
        // Taken (and so used up) before anything else: a replayed callback finds nothing.
        auto login = sso.take(std::string(*state), *browser);
        if (!login) return failure_page(login.error());
        if (login->provider_id != provider->id)
          return failure_page(400, "this sign-in was started with another provider");
        if (auto error = request.query_param("error")) {
          std::string detail(request.query_param("error_description").value_or(*error));
          if (detail.size() > 300) detail.resize(300);
          return failure_page(403, provider->display_name + " did not sign you in: " + detail);
        }
        auto code = request.query_param("code");
        if (!code || code->empty() || code->size() > 2000)
          return failure_page(400, "the provider sent no sign-in code");
        auto who = client->finish(*provider, *login, std::string(*code), app.now());
        if (!who) return failure_page(who.error());
        auto session = sso.sign_in(*provider, *who);
        if (!session) return failure_page(session.error());
        // A page, not a redirect: the session cookie is SameSite=Strict, and a browser
        // sends it only on a navigation this site starts itself.
        const std::string next = login->return_to.empty() ? "/" : login->return_to;
        auto r = Response::text(
            200,
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"refresh\" content=\"0;url=" +
                html_escape(next) +
                "\"><title>Signed in — okr</title></head><body><main><p>Signed in. <a href=\"" +
                html_escape(next) + "\">Continue</a></p></main></body></html>",
            "text/html; charset=utf-8");
        r.headers.set("Cache-Control", "no-store");
        const long lifetime =
            std::chrono::duration_cast<std::chrono::seconds>(app::Accounts::kSessionLifetime)
                .count();
        r.headers.set("Set-Cookie", cookie_header(request, api::kSessionCookie, session->secret,
                                                  "/", "Strict", lifetime));
        r.headers.add("Set-Cookie", cookie_header(request, kLoginCookie, "", "/sso/", "Lax", 0));
        return r;
      });
}

}  // namespace okr::http
