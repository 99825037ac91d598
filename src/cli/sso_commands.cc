// `okr sso add|list|remove|only`: the OpenID Connect providers people sign in with.
#include <boost/json.hpp>
#include <cstdlib>
#include <iostream>

#include "app/sso.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "formats/json_model.h"

namespace okr::cli {
namespace {

struct SsoOptions {
  std::string name, display_name, issuer, client_id, secret_file, secret_env;
  std::vector<std::string> domains;
  std::string only, break_glass;
};

SsoOptions options;
std::string* db_path = nullptr;
std::string* list_format = nullptr;
CLI::App* add_cmd = nullptr;
CLI::App* list_cmd = nullptr;
CLI::App* remove_cmd = nullptr;
CLI::App* only_cmd = nullptr;

// The client secret from its file (first line) or environment variable; never echoed.
std::optional<std::string> client_secret(const SsoOptions& o) {
  std::string secret;
  if (!o.secret_file.empty()) {
    std::string error;
    auto text = read_file(o.secret_file, error);
    if (!text) {
      std::cerr << "okr sso add: --client-secret-file: " << error << "\n";
      return std::nullopt;
    }
    secret = text->substr(0, text->find('\n'));
  } else {
    const char* v = std::getenv(o.secret_env.c_str());
    if (!v || !*v) {
      std::cerr << "okr sso add: the environment variable " << o.secret_env << " is not set\n";
      return std::nullopt;
    }
    secret = v;
  }
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  return secret;
}

int sso_add(const std::string& db, const SsoOptions& o) {
  if (o.secret_file.empty() == o.secret_env.empty()) {
    std::cerr << "okr sso add: give the client secret with --client-secret-file or "
                 "--client-secret-env\n";
    return 2;
  }
  auto secret = client_secret(o);
  if (!secret) return 1;
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto p = app::SingleSignOn(app).add_provider(
      {o.name, o.display_name, o.issuer, o.client_id, *secret, o.domains},
      app::Actor::local_operator());
  if (!p) return print_error(p.error(), ""), 1;
  std::cout << "added sign-in provider " << p->name << " (" << p->issuer << ")\n"
            << "register this redirect URI at the provider: <okr address>/sso/" << p->name
            << "/callback\n";
  return 0;
}

int sso_list(const std::string& db, const std::string& format) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto list = app::SingleSignOn(app).list_providers();
  if (!list) return print_error(list.error(), ""), 1;
  if (format == "json") {
    boost::json::array a;
    for (const auto& p : *list) {
      boost::json::array domains;
      for (const auto& d : p.allowed_domains) domains.push_back(boost::json::value(d));
      a.push_back(boost::json::object{{"name", p.name},
                                      {"display_name", p.display_name},
                                      {"issuer", p.issuer},
                                      {"client_id", p.client_id},
                                      {"allowed_domains", std::move(domains)}});
    }
    std::cout << formats::to_text(boost::json::object{{"providers", std::move(a)}}) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows{{"NAME", "BUTTON", "ISSUER", "CLIENT", "DOMAINS"}};
  for (const auto& p : *list) {
    std::string domains;
    for (const auto& d : p.allowed_domains) domains += (domains.empty() ? "" : " ") + d;
    rows.push_back(
        {p.name, p.display_name, p.issuer, p.client_id, domains.empty() ? "any" : domains});
  }
  std::cout << render_table(rows);
  return 0;
}

int sso_remove(const std::string& db, const std::string& name) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto r = app::SingleSignOn(app).remove_provider(name, app::Actor::local_operator());
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "removed sign-in provider " << name
            << "; its people keep their accounts and may sign in again once it is added back\n";
  return 0;
}

int sso_only(const std::string& db, const SsoOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  app::SingleSignOn sso(app);
  auto state = o.only.empty()
                   ? sso.sso_only()
                   : sso.set_sso_only(o.only == "on", o.break_glass, app::Actor::local_operator());
  if (!state) return print_error(state.error(), ""), 1;
  if (state->on)
    std::cout << "single sign-on only: password sign-in is off for everyone but "
              << state->break_glass << "\n";
  else
    std::cout << "single sign-on only is off: people may sign in with a password too\n";
  return 0;
}

}  // namespace

void register_sso_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  list_format = &format;
  auto* sso = cli.add_subcommand("sso",
                                 "single sign-on: the OpenID Connect providers people "
                                 "sign in with");
  sso->require_subcommand(1);
  add_cmd = sso->add_subcommand("add", "add an OpenID Connect provider (a button on sign-in)");
  add_cmd->add_option("name", options.name, "a short name for URLs: a–z, 0–9 and '-'")->required();
  add_cmd->add_option("--issuer", options.issuer, "the provider's issuer URL (https)")->required();
  add_cmd->add_option("--client-id", options.client_id, "the client id okr is registered under")
      ->required();
  add_cmd->add_option("--client-secret-file", options.secret_file,
                      "a file whose first line is the client secret");
  add_cmd->add_option("--client-secret-env", options.secret_env,
                      "an environment variable holding the client secret");
  add_cmd->add_option("--display-name", options.display_name,
                      "the button's text (default: the name)");
  add_cmd->add_option("--allow-domain", options.domains,
                      "only e-mails at this domain may sign in (repeatable; default: any)");
  add_cmd->footer(
      "Example:\n  okr sso add keycloak --issuer https://id.example.com/realms/staff "
      "--client-id okr --client-secret-file /etc/okr/keycloak-secret "
      "--display-name 'Example staff' --allow-domain example.com");
  list_cmd = sso->add_subcommand("list", "list the providers (never their secrets)");
  list_cmd->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  list_cmd->footer("Example:\n  okr sso list --format json");
  remove_cmd = sso->add_subcommand("remove", "remove a provider; its people keep their accounts");
  remove_cmd->add_option("name", options.name, "the provider's name")->required();
  remove_cmd->footer("Example:\n  okr sso remove keycloak");
  only_cmd = sso->add_subcommand(
      "only", "turn password sign-in off for everyone but a break-glass administrator, or on");
  only_cmd->add_option("state", options.only, "on or off (without it: show the setting)")
      ->check(CLI::IsMember({"on", "off"}));
  only_cmd->add_option("--break-glass", options.break_glass,
                       "with on: the administrator who may still sign in with a password");
  only_cmd->footer("Example:\n  okr sso only on --break-glass admin@example.com");
  register_scim_commands(cli, *sso, db, format);
}

std::optional<int> run_sso_command() {
  if (auto status = run_scim_command()) return status;
  if (add_cmd && add_cmd->parsed()) return sso_add(*db_path, options);
  if (list_cmd && list_cmd->parsed()) return sso_list(*db_path, *list_format);
  if (remove_cmd && remove_cmd->parsed()) return sso_remove(*db_path, options.name);
  if (only_cmd && only_cmd->parsed()) return sso_only(*db_path, options);
  return std::nullopt;
}

}  // namespace okr::cli
