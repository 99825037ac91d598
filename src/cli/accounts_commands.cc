// `okr user …`, `okr team …` and `okr token …`: managing people and API access from
// a terminal or a script, without SQL or the API.
#include <boost/json.hpp>
#include <iostream>

#include "app/accounts.h"
#include "app/queries.h"
#include "app/resources.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/render.h"
#include "formats/json_model.h"

namespace okr::cli {
namespace {

struct AccountOptions {
  std::string email, name, token_user, token_name, expires, team, role = "member";
  std::optional<std::string> new_name;
  Id token_id = 0;
  bool admin = false, no_admin = false, password_stdin = false;
};

// The first line of standard input, without its line ending.
std::string read_password_line() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int user_add(const std::string& db, const AccountOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  app::Accounts accounts(app);
  app::NewUser u{o.email, o.name, o.admin, std::nullopt};
  if (o.password_stdin) u.password = read_password_line();
  auto user = accounts.add_user(u, app::Actor::local_operator());
  if (!user) return print_error(user.error(), ""), 1;
  std::cout << "added user " << user->email << (user->admin ? " (admin)" : "") << " with id "
            << user->id << "\n";
  return 0;
}

int user_list(const std::string& db, const std::string& format) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto users = app::list_users(app);
  if (!users) return print_error(users.error(), ""), 1;
  if (format == "json") {
    boost::json::array a;
    for (const auto& u : *users) a.push_back(formats::to_json(u));
    std::cout << formats::to_text(boost::json::object{{"users", std::move(a)}}) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows{{"EMAIL", "NAME", "ROLE", "STATE"}};
  for (const auto& u : *users)
    rows.push_back({u.email, u.name, u.admin ? "admin" : "-", u.disabled ? "disabled" : "active"});
  std::cout << render_table(rows);
  return 0;
}

int user_update(const std::string& db, const std::string& email, const app::UserChanges& changes) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto u = app::Accounts(app).update_user(email, changes, app::Actor::local_operator());
  if (!u) return print_error(u.error(), ""), 1;
  std::cout << u->email << ": " << (u->name.empty() ? "(no name)" : u->name)
            << (u->admin ? ", admin" : "") << (u->disabled ? ", disabled" : ", active") << "\n";
  return 0;
}

int user_password(const std::string& db, const AccountOptions& o) {
  if (!o.password_stdin) {
    std::cerr << "okr user password: give the new password on standard input with "
                 "--password-stdin\n";
    return 2;
  }
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto r =
      app::Accounts(app).set_password(o.email, read_password_line(), app::Actor::local_operator());
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "password of " << o.email << " changed; their sessions were signed out\n";
  return 0;
}

int team_list(const std::string& db, const std::string& format) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto teams = app::list_teams(app);
  auto users = app::list_users(app);
  if (!teams) return print_error(teams.error(), ""), 1;
  if (!users) return print_error(users.error(), ""), 1;
  std::map<Id, std::string> email, key;
  for (const auto& u : *users) email[u.id] = u.email;
  for (const auto& t : *teams) key[t.id] = t.key;
  boost::json::array a;
  std::vector<std::vector<std::string>> rows{
      {"KEY", "NAME", "FUNCTION", "PARENT", "LEAD", "MEMBERS"}};
  for (const auto& t : *teams) {
    auto members = app::list_memberships(app, t.id);
    if (!members) return print_error(members.error(), ""), 1;
    boost::json::array m;
    for (const auto& ms : *members)
      m.push_back(boost::json::object{{"email", email[ms.user_id]}, {"role", to_string(ms.role)}});
    if (format == "json") {
      auto doc = formats::to_json(t).as_object();
      doc["members"] = std::move(m);
      a.push_back(std::move(doc));
      continue;
    }
    rows.push_back({t.key, t.name, t.function, t.parent_id ? key[*t.parent_id] : "-",
                    t.lead_id ? email[*t.lead_id] : "-", std::to_string(members->size())});
  }
  if (format == "json")
    std::cout << formats::to_text(boost::json::object{{"teams", std::move(a)}}) << "\n";
  else
    std::cout << render_table(rows);
  return 0;
}

int team_add_member(const std::string& db, const AccountOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto team = app::get_team(app, o.team);
  if (!team) return print_error(team.error(), ""), 1;
  auto user = app::get_user(app, o.email);
  if (!user) return print_error(user.error(), ""), 1;
  auto role = parse_team_role(o.role);
  if (!role) {
    std::cerr << error_prefix() << "--role must be lead, member or viewer\n";
    return 2;
  }
  auto m = app::put_membership(app, {team->id, user->id, *role}, app::Actor::local_operator());
  if (!m) return print_error(m.error(), ""), 1;
  std::cout << user->email << " is now " << (o.role == "lead" ? "the" : "a") << " " << o.role
            << " of " << team->key << "\n";
  return 0;
}

int team_delete(const std::string& db, const AccountOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto team = app::get_team(app, o.team);
  if (!team) return print_error(team.error(), ""), 1;
  auto r = app::delete_team(app, team->id, team->version, app::Actor::local_operator());
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "deleted team " << team->key << "\n";
  return 0;
}

int token_create(const std::string& db, const AccountOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  app::Accounts accounts(app);
  app::NewToken t{o.token_user, o.token_name, std::nullopt};
  if (!o.expires.empty()) {
    t.expires_at = parse_instant(o.expires);
    if (!t.expires_at) {
      std::cerr << error_prefix() << "--expires '" << o.expires << "' is not a date or time\n";
      return 2;
    }
  }
  auto issued = accounts.create_token(t, app::Actor::local_operator());
  if (!issued) return print_error(issued.error(), ""), 1;
  std::cerr << "API token '" << o.token_name << "' for " << o.token_user
            << " (shown once; send it as 'Authorization: Bearer <token>'):\n";
  std::cout << issued->secret << "\n";
  return 0;
}

int token_list(const std::string& db, const AccountOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto user = app::get_user(app, o.token_user);
  if (!user) return print_error(user.error(), ""), 1;
  auto tokens = app::Accounts(app).list_tokens(user->id, app::Actor::local_operator());
  if (!tokens) return print_error(tokens.error(), ""), 1;
  std::vector<std::vector<std::string>> rows{{"ID", "NAME", "CREATED", "EXPIRES", "REVOKED"}};
  for (const auto& t : *tokens)
    rows.push_back({std::to_string(t.id), t.name, format_instant(t.created_at),
                    t.expires_at ? format_instant(*t.expires_at) : "never",
                    t.revoked_at ? format_instant(*t.revoked_at) : "-"});
  std::cout << render_table(rows);
  return 0;
}

int token_revoke(const std::string& db, const AccountOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto r = app::Accounts(app).revoke_token(o.token_id, app::Actor::local_operator());
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "revoked token " << o.token_id << "\n";
  return 0;
}

AccountOptions options;
app::UserChanges user_changes;
CLI::App* user_add_cmd = nullptr;
CLI::App* user_list_cmd = nullptr;
CLI::App* user_set_cmd = nullptr;
CLI::App* user_disable_cmd = nullptr;
CLI::App* user_enable_cmd = nullptr;
CLI::App* user_password_cmd = nullptr;
CLI::App* team_list_cmd = nullptr;
CLI::App* team_add_member_cmd = nullptr;
CLI::App* team_delete_cmd = nullptr;
std::string* list_format = nullptr;
CLI::App* token_create_cmd = nullptr;
CLI::App* token_list_cmd = nullptr;
CLI::App* token_revoke_cmd = nullptr;
std::string* db_path = nullptr;

}  // namespace

void register_account_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  list_format = &format;
  auto* user = cli.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  user_add_cmd = user->add_subcommand("add", "add a user account");
  user_add_cmd->add_option("email", options.email, "the user's e-mail address")->required();
  user_add_cmd->add_option("--name", options.name, "display name");
  user_add_cmd->add_flag("--admin", options.admin, "an administrator (may do everything)");
  user_add_cmd->add_flag("--password-stdin", options.password_stdin,
                         "read the password from the first line of standard input");
  user_add_cmd->footer(
      "Example:\n  echo 'a long password' | okr user add zoe@lumen.example --name Zoe "
      "--password-stdin");
  user_list_cmd = user->add_subcommand("list", "list user accounts");
  user_list_cmd->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  user_list_cmd->footer("Example:\n  okr user list --format json");
  user_set_cmd = user->add_subcommand("set", "change a user's name or administrator right");
  user_set_cmd->add_option("email", options.email, "the user's e-mail address")->required();
  user_set_cmd->add_option("--name", user_changes.name, "new display name");
  user_set_cmd->add_flag("--admin", options.admin, "make the user an administrator");
  user_set_cmd->add_flag("--no-admin", options.no_admin, "take the administrator right away")
      ->excludes("--admin");
  user_set_cmd->footer(
      "Examples:\n  okr user set ben@lumen.example --name 'Ben Okafor' --admin\n"
      "  okr user set oscar@lumen.example --no-admin");
  user_disable_cmd = user->add_subcommand(
      "disable", "stop a user signing in; their sessions and API tokens stop working");
  user_disable_cmd->add_option("email", options.email, "the user's e-mail address")->required();
  user_disable_cmd->footer("Example:\n  okr user disable ben@lumen.example");
  user_enable_cmd = user->add_subcommand("enable", "let a disabled user sign in again");
  user_enable_cmd->add_option("email", options.email, "the user's e-mail address")->required();
  user_enable_cmd->footer(
      "Examples:\n  okr user disable ben@lumen.example\n  okr user enable ben@lumen.example");
  user_password_cmd = user->add_subcommand(
      "password", "set a user's password (read from standard input); signs their sessions out");
  user_password_cmd->add_option("email", options.email, "the user's e-mail address")->required();
  user_password_cmd->add_flag("--password-stdin", options.password_stdin,
                              "read the password from the first line of standard input");
  user_password_cmd->footer(
      "Example:\n  echo 'a new long password' | okr user password ben@lumen.example "
      "--password-stdin");

  auto* team = cli.add_subcommand("team", "list teams and manage their members");
  team->require_subcommand(1);
  team_list_cmd = team->add_subcommand("list", "list the teams, parents first, with lead and size");
  team_list_cmd->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  team_list_cmd->footer("Example:\n  okr team list --format json");
  team_add_member_cmd =
      team->add_subcommand("add-member", "add a user to a team, or change their role in it");
  team_add_member_cmd->add_option("team", options.team, "the team's key")->required();
  team_add_member_cmd->add_option("email", options.email, "the user's e-mail address")->required();
  team_add_member_cmd->add_option("--role", options.role, "lead, member or viewer")
      ->check(CLI::IsMember({"lead", "member", "viewer"}))
      ->capture_default_str();
  team_add_member_cmd->footer(
      "Example:\n  okr team add-member growth chloe@lumen.example --role viewer");
  team_delete_cmd = team->add_subcommand(
      "delete", "delete a team nothing refers to (no objectives, teams below, KPIs or work)");
  team_delete_cmd->add_option("team", options.team, "the team's key")->required();
  team_delete_cmd->footer(
      "A team with a history is refused, naming what it still has: rename or move it instead.\n\n"
      "Examples:\n"
      "  printf 'cycle: 2026-Q4\\nteams:\\n  - {key: tiger-team, name: Tiger team, function: "
      "product, "
      "parent: product}\\n' > tiger.yaml\n"
      "  okr import tiger.yaml\n"
      "  okr team delete tiger-team");

  auto* token = cli.add_subcommand("token", "manage API tokens");
  token->require_subcommand(1);
  token_create_cmd = token->add_subcommand("create", "create an API token and print it once");
  token_create_cmd->add_option("--user", options.token_user, "e-mail of the token's user")
      ->required();
  token_create_cmd->add_option("--name", options.token_name, "what the token is for")->required();
  token_create_cmd->add_option("--expires", options.expires, "expiry date or time (ISO 8601)");
  token_create_cmd->footer(
      "Example:\n  okr token create --user ben@lumen.example --name 'weekly check-in script' "
      "--expires 2027-06-30");
  token_list_cmd = token->add_subcommand("list", "list a user's tokens (never their secrets)");
  token_list_cmd->add_option("--user", options.token_user, "e-mail of the user")->required();
  token_list_cmd->footer("Example:\n  okr token list --user ben@lumen.example");
  token_revoke_cmd = token->add_subcommand("revoke", "revoke a token so it no longer works");
  token_revoke_cmd->add_option("id", options.token_id, "the token's id (see 'okr token list')")
      ->required();
  token_revoke_cmd->footer(
      "Examples:\n  okr token create --user ben@lumen.example --name 'old script'\n"
      "  okr token list --user ben@lumen.example   # the ids\n"
      "  okr token revoke 1");
}

std::optional<int> run_account_command() {
  if (user_add_cmd && user_add_cmd->parsed()) return user_add(*db_path, options);
  if (user_list_cmd && user_list_cmd->parsed()) return user_list(*db_path, *list_format);
  if (user_set_cmd && user_set_cmd->parsed()) {
    if (options.admin || options.no_admin) user_changes.admin = options.admin;
    if (!user_changes.name && !user_changes.admin) {
      std::cerr << "okr user set: give --name, --admin or --no-admin\n";
      return 2;
    }
    return user_update(*db_path, options.email, user_changes);
  }
  if (user_disable_cmd && user_disable_cmd->parsed())
    return user_update(*db_path, options.email, {std::nullopt, std::nullopt, true});
  if (user_enable_cmd && user_enable_cmd->parsed())
    return user_update(*db_path, options.email, {std::nullopt, std::nullopt, false});
  if (user_password_cmd && user_password_cmd->parsed()) return user_password(*db_path, options);
  if (team_list_cmd && team_list_cmd->parsed()) return team_list(*db_path, *list_format);
  if (team_add_member_cmd && team_add_member_cmd->parsed())
    return team_add_member(*db_path, options);
  if (team_delete_cmd && team_delete_cmd->parsed()) return team_delete(*db_path, options);
  if (token_create_cmd && token_create_cmd->parsed()) return token_create(*db_path, options);
  if (token_list_cmd && token_list_cmd->parsed()) return token_list(*db_path, options);
  if (token_revoke_cmd && token_revoke_cmd->parsed()) return token_revoke(*db_path, options);
  return std::nullopt;
}

}  // namespace okr::cli
