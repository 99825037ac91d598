// `okr serve`: the web dashboard and the REST API on one address.
#include <charconv>
#include <cstdlib>
#include <iostream>

#include "app/app.h"
#include "app/first_run.h"
#include "app/outbox_sender.h"
#include "app/views.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "http/api/api.h"
#include "http/builtin_routes.h"
#include "http/mail.h"
#include "http/outgoing.h"
#include "http/scim/routes.h"
#include "http/server.h"
#include "http/sso/routes.h"
#include "http/web_routes.h"
#include "storage/location.h"
#include "storage/open_replicated.h"

namespace okr::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 0;
  bool trust_proxy = false;
  bool init = false;
  std::string db_read;  // a PostgreSQL standby for page reads; empty: none
  std::size_t max_connections_per_client = http::ServerOptions{}.max_connections_per_client;
};

ServeOptions serve_options;
CLI::App* serve_cmd = nullptr;
std::string* serve_db = nullptr;

// "127.0.0.1:8080", "[::1]:8080" or ":8080" (every interface).
bool parse_listen(const std::string& text, std::string& address, std::uint16_t& port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  address = text.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
    address = address.substr(1, address.size() - 2);
  if (address.empty()) address = "0.0.0.0";
  std::string_view p = std::string_view(text).substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
  if (ec != std::errc() || end != p.data() + p.size() || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

int serve(const std::string& db, const ServeOptions& o) {
  http::ServerOptions options;
  if (!parse_listen(o.listen, options.address, options.port)) {
    std::cerr << error_prefix() << "--listen '" << o.listen << "' is not ADDRESS:PORT\n";
    return 2;
  }
  options.threads = o.threads;
  options.trust_proxy = o.trust_proxy;
  options.max_connections_per_client = o.max_connections_per_client;
  const auto mode = o.init ? OpenMode::create_if_missing : OpenMode::must_exist;
  auto store = o.db_read.empty() ? open(db, mode) : open_store(db, mode, o.db_read);
  if (!store) return print_error(store.error(), ""), 1;
  http::Metrics metrics;  // outlives the app, whose background work records into it
  app::App app(**store);
  (*store)->set_observer([&metrics](std::string_view kind, double seconds) {
    metrics.record_db_query(std::string("transaction.") + std::string(kind), seconds);
  });
  http::Router router;
  http::add_builtin_routes(router, metrics);
  http::add_api_routes(router, app);
  http::add_sso_routes(router, app);
  http::add_scim_routes(router, app);
  http::add_web_routes(router);
  http::Server server(options, std::move(router), metrics);
  const auto demo = app.demo_sign_in();
  if (auto s = server.listen(); !s) return print_error(s.error(), ""), 1;
  server.stop_on_signals();
  app::prepare_company_views(app);
  // Delivers webhooks and chat messages from the outbox; never on a request's thread.
  // And e-mail from the mail queue; check-in reminders and digests on their schedule.
  app::OutboxSender sender(app, http::post_outgoing, app::sender_options_from_environment(),
                           http::send_mail);
  sender.start();
  std::cout << "okr serving " << shown_location(db) << " on http://"
            << (options.address.find(':') != std::string::npos ? "[" + options.address + "]"
                                                               : options.address)
            << ":" << server.port() << "/ (Ctrl-C to stop)" << std::endl;
  if (!o.db_read.empty())
    std::cout << "page reads from the read replica " << shown_location(o.db_read)
              << " whenever it has caught up" << std::endl;
  if (demo) std::cout << "demo sign-in: " << demo->email << " / " << demo->password << std::endl;
  // A database without users: a one-time address creates the first administrator.
  if (auto secret = app.first_run().offer())
    std::cout << "no user yet: open http://"
              << (options.address == "0.0.0.0" || options.address == "::" ? "localhost"
                  : options.address.find(':') != std::string::npos ? "[" + options.address + "]"
                                                                   : options.address)
              << ":" << server.port() << "/setup#" << *secret
              << " to create the first administrator (or: okr user add EMAIL --admin "
                 "--password-stdin)"
              << std::endl;
  if ((*store)->read_only())
    std::cerr << "okr: warning: database " << shown_location(db)
              << " is read-only: reads work, and every write is answered 503 until the file "
                 "can be written again"
              << std::endl;
  server.run();
  sender.stop();
  app::stop_background_work(app);
  (*store)->set_observer(nullptr);
  std::cout << "okr stopped; database closed cleanly" << std::endl;
  return 0;
}

}  // namespace

void register_serve_command(CLI::App& cli, std::string& db) {
  serve_db = &db;
  serve_cmd = cli.add_subcommand("serve", "serve the web dashboard and the REST API over HTTP");
  serve_cmd->add_option("--listen", serve_options.listen, "ADDRESS:PORT to listen on")
      ->capture_default_str();
  serve_cmd->add_option("--threads", serve_options.threads,
                        "worker threads (default: one per core)");
  serve_cmd->add_flag("--trust-proxy", serve_options.trust_proxy,
                      "honour X-Forwarded-For and X-Forwarded-Proto from a reverse proxy");
  serve_cmd->add_flag("--init", serve_options.init,
                      "create the database if it does not exist (else a missing file is an error)");
  if (const char* env = std::getenv("OKR_DB_READ"); env && *env) serve_options.db_read = env;
  serve_cmd
      ->add_option("--db-read", serve_options.db_read,
                   "a read-only PostgreSQL standby (postgres:// URL, or $OKR_DB_READ) for "
                   "page reads whenever it has replayed every write this server has seen; "
                   "only with a PostgreSQL --db")
      ->type_name("URL");
  serve_cmd
      ->add_option("--max-connections-per-client", serve_options.max_connections_per_client,
                   "open connections one client address may hold; more get 503 (0: no limit; "
                   "behind a reverse proxy every client shares the proxy's address)")
      ->capture_default_str();
  serve_cmd->footer(
      "Examples:\n"
      "  okr serve --listen 127.0.0.1:8080\n"
      "  okr serve --listen 127.0.0.1:8080 --trust-proxy --max-connections-per-client 0   # behind "
      "a reverse proxy\n"
      "  okr --db postgres://okr@db.internal/okr serve --db-read "
      "postgres://okr@replica.internal/okr   # page reads on a standby");
}

std::optional<int> run_serve_command() {
  if (serve_cmd && serve_cmd->parsed()) return serve(*serve_db, serve_options);
  return std::nullopt;
}

}  // namespace okr::cli
