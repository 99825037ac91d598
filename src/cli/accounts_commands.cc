// `okr user add` and `okr token create`: bootstrapping a server from scripts.
#include <iostream>

#include "app/accounts.h"
#include "app/queries.h"
#include "cli/commands.h"

namespace okr::cli {
namespace {

struct AccountOptions {
  std::string email, name, token_user, token_name, expires;
  Id token_id = 0;
  bool admin = false, password_stdin = false;
};

int user_add(const std::string& db, const AccountOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  app::Accounts accounts(app);
  app::NewUser u{o.email, o.name, o.admin, std::nullopt};
  if (o.password_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    u.password = line;
  }
  auto user = accounts.add_user(u, app::Actor::local_operator());
  if (!user) return print_error(user.error(), ""), 1;
  std::cout << "added user " << user->email << (user->admin ? " (admin)" : "") << " with id "
            << user->id << "\n";
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
      std::cerr << "okr: error: --expires '" << o.expires << "' is not a date or time\n";
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
  for (const auto& t : *tokens)
    std::cout << t.id << "\t" << t.name << "\tcreated " << format_instant(t.created_at)
              << (t.expires_at ? "\texpires " + format_instant(*t.expires_at) : "")
              << (t.revoked_at ? "\trevoked " + format_instant(*t.revoked_at) : "") << "\n";
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
CLI::App* user_add_cmd = nullptr;
CLI::App* token_create_cmd = nullptr;
CLI::App* token_list_cmd = nullptr;
CLI::App* token_revoke_cmd = nullptr;
std::string* db_path = nullptr;

}  // namespace

void register_account_commands(CLI::App& cli, std::string& db) {
  db_path = &db;
  auto* user = cli.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  user_add_cmd = user->add_subcommand("add", "add a user account");
  user_add_cmd->add_option("email", options.email, "the user's e-mail address")->required();
  user_add_cmd->add_option("--name", options.name, "display name");
  user_add_cmd->add_flag("--admin", options.admin, "an administrator (may do everything)");
  user_add_cmd->add_flag("--password-stdin", options.password_stdin,
                         "read the password from the first line of standard input");
  auto* token = cli.add_subcommand("token", "manage API tokens");
  token->require_subcommand(1);
  token_create_cmd = token->add_subcommand("create", "create an API token and print it once");
  token_create_cmd->add_option("--user", options.token_user, "e-mail of the token's user")
      ->required();
  token_create_cmd->add_option("--name", options.token_name, "what the token is for")->required();
  token_create_cmd->add_option("--expires", options.expires, "expiry date or time (ISO 8601)");
  token_list_cmd = token->add_subcommand("list", "list a user's tokens (never their secrets)");
  token_list_cmd->add_option("--user", options.token_user, "e-mail of the user")->required();
  token_revoke_cmd = token->add_subcommand("revoke", "revoke a token so it no longer works");
  token_revoke_cmd->add_option("id", options.token_id, "the token's id (see 'okr token list')")
      ->required();
}

std::optional<int> run_account_command() {
  if (user_add_cmd && user_add_cmd->parsed()) return user_add(*db_path, options);
  if (token_create_cmd && token_create_cmd->parsed()) return token_create(*db_path, options);
  if (token_list_cmd && token_list_cmd->parsed()) return token_list(*db_path, options);
  if (token_revoke_cmd && token_revoke_cmd->parsed()) return token_revoke(*db_path, options);
  return std::nullopt;
}

}  // namespace okr::cli
