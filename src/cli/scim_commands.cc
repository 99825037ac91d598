// `okr scim token create|list|revoke`: the tokens identity providers provision people
// with; `okr sso map add|list|remove`: groups mapped to teams and roles; `okr sso access`:
// a person's memberships, each manual or mapped.
#include <boost/json.hpp>
#include <iostream>

#include "app/scim.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "core/date.h"
#include "formats/json_model.h"

namespace okr::cli {
namespace {

struct ScimOptions {
  std::string name;
  std::string group, team, role;
  std::string email;
};

ScimOptions options;
std::string* db_path = nullptr;
std::string* list_format = nullptr;
CLI::App* token_create = nullptr;
CLI::App* token_list = nullptr;
CLI::App* token_revoke = nullptr;
CLI::App* map_add = nullptr;
CLI::App* map_list = nullptr;
CLI::App* map_remove = nullptr;
CLI::App* access_cmd = nullptr;

// Runs `body` with the database's app, printing a refusal; the exit status.
template <class F>
int with_app(F&& body) {
  auto store = open(*db_path);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  return body(app::Provisioning(app));
}

int create_token() {
  return with_app([](app::Provisioning p) {
    auto t = p.create_token(options.name, app::Actor::local_operator());
    if (!t) return print_error(t.error(), ""), 1;
    std::cout << t->secret << "\n";
    std::cerr << "created SCIM token " << t->name << " (id " << t->id
              << "): give it to the identity provider as its bearer token for "
                 "<okr address>/scim/v2; it is shown only now\n";
    return 0;
  });
}

int list_tokens() {
  return with_app([](app::Provisioning p) {
    auto list = p.list_tokens(app::Actor::local_operator());
    if (!list) return print_error(list.error(), ""), 1;
    if (*list_format == "json") {
      boost::json::array a;
      for (const auto& t : *list)
        a.push_back(boost::json::object{
            {"id", t.id},
            {"name", t.name},
            {"created_at", format_instant(t.created_at)},
            {"revoked_at", t.revoked_at ? boost::json::value(format_instant(*t.revoked_at))
                                        : boost::json::value(nullptr)}});
      std::cout << formats::to_text(boost::json::object{{"tokens", std::move(a)}}) << "\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows{{"ID", "NAME", "CREATED", "REVOKED"}};
    for (const auto& t : *list)
      rows.push_back({std::to_string(t.id), t.name, format_instant(t.created_at),
                      t.revoked_at ? format_instant(*t.revoked_at) : "-"});
    std::cout << render_table(rows);
    return 0;
  });
}

int revoke_token() {
  return with_app([](app::Provisioning p) {
    auto r = p.revoke_token(options.name, app::Actor::local_operator());
    if (!r) return print_error(r.error(), ""), 1;
    std::cout << "revoked SCIM token " << options.name
              << "; the provider's requests with it are refused from now on\n";
    return 0;
  });
}

int add_mapping() {
  const std::string role = options.role.empty() ? "member" : options.role;
  return with_app([&](app::Provisioning p) {
    auto m = p.add_mapping(options.group, options.team, role, app::Actor::local_operator());
    if (!m) return print_error(m.error(), ""), 1;
    if (m->role == "admin")
      std::cout << "mapped group " << m->group << " to the administrator right\n";
    else
      std::cout << "mapped group " << m->group << " to team " << m->team << " as " << m->role
                << "\n";
    return 0;
  });
}

int remove_mapping() {
  return with_app([](app::Provisioning p) {
    auto n = p.remove_mappings(options.group, options.team, app::Actor::local_operator());
    if (!n) return print_error(n.error(), ""), 1;
    std::cout << "removed " << *n << (*n == 1 ? " mapping" : " mappings") << " of group "
              << options.group << "; what they gave is taken back, manual roles stay\n";
    return 0;
  });
}

int list_mappings() {
  return with_app([](app::Provisioning p) {
    auto list = p.list_mappings();
    if (!list) return print_error(list.error(), ""), 1;
    if (*list_format == "json") {
      boost::json::array a;
      for (const auto& m : *list)
        a.push_back(boost::json::object{{"group", m.group}, {"team", m.team}, {"role", m.role}});
      std::cout << formats::to_text(boost::json::object{{"mappings", std::move(a)}}) << "\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows{{"GROUP", "TEAM", "ROLE"}};
    for (const auto& m : *list) rows.push_back({m.group, m.team.empty() ? "-" : m.team, m.role});
    std::cout << render_table(rows);
    return 0;
  });
}

int show_access() {
  return with_app([](app::Provisioning p) {
    auto list = p.access_of(options.email);
    if (!list) return print_error(list.error(), ""), 1;
    if (*list_format == "json") {
      boost::json::array a;
      for (const auto& x : *list)
        a.push_back(boost::json::object{
            {"team", x.team.empty() ? boost::json::value(nullptr) : boost::json::value(x.team)},
            {"role", x.role},
            {"mapped", x.mapped},
            {"groups", x.groups}});
      std::cout << formats::to_text(boost::json::object{{"access", std::move(a)}}) << "\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows{{"TEAM", "ROLE", "FROM"}};
    for (const auto& x : *list)
      rows.push_back(
          {x.team.empty() ? "-" : x.team, x.role, x.mapped ? "mapped: " + x.groups : "manual"});
    std::cout << render_table(rows);
    return 0;
  });
}

}  // namespace

void register_scim_commands(CLI::App& cli, CLI::App& sso, std::string& db, std::string& format) {
  db_path = &db;
  list_format = &format;
  auto* scim = cli.add_subcommand("scim", "SCIM 2.0 provisioning at /scim/v2 (Okta, Entra ID)");
  scim->require_subcommand(1);
  auto* token = scim->add_subcommand("token", "the bearer tokens identity providers use");
  token->require_subcommand(1);
  token_create =
      token->add_subcommand("create", "create a SCIM token (printed once; good on /scim/v2 only)");
  token_create->add_option("name", options.name, "what the token is for, e.g. okta")->required();
  token_create->footer("Example:\n  okr scim token create okta > okta-scim-token");
  token_list = token->add_subcommand("list", "list the SCIM tokens (never their secrets)");
  token_list->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  token_list->footer("Example:\n  okr scim token list");
  token_revoke = token->add_subcommand("revoke", "revoke a SCIM token at once");
  token_revoke->add_option("token", options.name, "the token's name or id")->required();
  token_revoke->footer(
      "Examples:\n  okr scim token create okta > okta-scim-token\n  okr scim token revoke okta");

  auto* map = sso.add_subcommand(
      "map",
      "map an identity provider's groups (the groups claim, SCIM groups) to teams and roles");
  map->require_subcommand(1);
  map_add = map->add_subcommand("add",
                                "everyone in GROUP gets ROLE in TEAM (or, with --role "
                                "admin, the administrator right)");
  map_add->add_option("group", options.group, "the group's name as the provider sends it")
      ->required();
  map_add->add_option("--team", options.team, "the team's key (not with --role admin)");
  map_add->add_option("--role", options.role, "member (default), lead, viewer or admin")
      ->check(CLI::IsMember({"member", "lead", "viewer", "admin"}));
  map_add->footer(
      "Examples:\n  okr sso map add okr-growth --team growth --role member\n"
      "  okr sso map add okr-admins --role admin");
  map_list = map->add_subcommand("list", "list the group mappings");
  map_list->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  map_list->footer("Example:\n  okr sso map list");
  map_remove = map->add_subcommand(
      "remove", "remove a group's mappings (to one team with --team); manual roles stay");
  map_remove->add_option("group", options.group, "the group's name")->required();
  map_remove->add_option("--team", options.team, "only the mapping to this team");
  map_remove->footer(
      "Examples:\n  okr sso map add okr-growth --team growth --role member\n"
      "  okr sso map remove okr-growth --team growth");
  access_cmd = sso.add_subcommand(
      "access", "a person's teams, roles and administrator right, each manual or mapped");
  access_cmd->add_option("email", options.email, "the person's e-mail")->required();
  access_cmd->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  access_cmd->footer("Example:\n  okr sso access ana@lumen.example");
}

std::optional<int> run_scim_command() {
  if (token_create && token_create->parsed()) return create_token();
  if (token_list && token_list->parsed()) return list_tokens();
  if (token_revoke && token_revoke->parsed()) return revoke_token();
  if (map_add && map_add->parsed()) return add_mapping();
  if (map_list && map_list->parsed()) return list_mappings();
  if (map_remove && map_remove->parsed()) return remove_mapping();
  if (access_cmd && access_cmd->parsed()) return show_access();
  return std::nullopt;
}

}  // namespace okr::cli
