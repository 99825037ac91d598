#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "app/accounts.h"
#include "app/app.h"
#include "app/demo_scale.h"
#include "app/okrs.h"
#include "app/queries.h"
#include "app/views.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/render.h"
#include "core/nearest.h"
#include "formats/csv.h"
#include "formats/json_model.h"
#include "formats/okr_file.h"
#include "storage/location.h"
#include "storage/schema_probe.h"

namespace okr::cli {

namespace {
std::string& command_name() {
  static std::string name = "okr";
  return name;
}
}  // namespace

void set_command_name(std::string name) {
  command_name() = std::move(name);
}

std::string error_prefix() {
  return command_name() + ": error: ";
}

std::string default_db() {
  const char* env = std::getenv("OKR_DB");
  return env && *env ? env : "okr.db";
}

bool stdout_is_terminal() {
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
}

void print_error(const Error& e, const std::string& file) {
  // The local operator may see what went wrong inside (a driver's message, the address).
  const std::string message = e.internal.empty() ? e.message : e.message + " (" + e.internal + ")";
  if (!file.empty() && e.line > 0)
    std::cerr << file << ":" << e.line << ":" << e.column << ": error: " << message << "\n";
  else if (!file.empty())
    std::cerr << file << ": error: " << message << "\n";
  else
    std::cerr << error_prefix() << message << "\n";
  // A name that matches nothing: say where the names are (the message gave the nearest).
  if (e.code == ErrorCode::not_found && e.message.find("'okr ") == std::string::npos) {
    if (e.field == "team")
      std::cerr << "'okr team list' lists the teams.\n";
    else if (e.field == "cycle")
      std::cerr << "'okr cycle list' lists the cycles.\n";
    else if (e.field == "key_result")
      std::cerr
          << "'okr status' lists the key results, each with its key at the end of its line.\n";
  }
}

Result<std::unique_ptr<Store>> open(const std::string& db, OpenMode mode) {
  return open_store(db, mode);
}

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TerminalProgress::TerminalProgress(std::string label)
    : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) != 0) {}

TerminalProgress::~TerminalProgress() {
  clear();
}

void TerminalProgress::operator()(int done, int total, const std::string& what) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  // At most ten updates a second, but every new step shows, however quick.
  if (done < total && shown_ && what == last_what_ && now - last_ < std::chrono::milliseconds(100))
    return;
  last_ = now;
  last_what_ = what;
  shown_ = true;
  std::cerr << "\r\x1b[K" << label_ << ": " << done << "/" << total << " " << what << std::flush;
}

void TerminalProgress::clear() {
  if (!shown_) return;
  std::cerr << "\r\x1b[K" << std::flush;
  shown_ = false;
}

Result<app::Actor> acting_as(app::App& app, const std::string& as) {
  if (as.empty()) return app::Actor::local_operator();
  return app::Accounts(app).actor_for_email(as);
}

namespace {

int cmd_init(const std::string& db, bool create) {
  auto before = stored_schema_version(db);
  if (!before) return print_error(before.error(), ""), 1;
  const std::string where = shown_location(db);
  if (!*before && !create) {
    std::cerr << error_prefix() << "there is no okr database at " << where
              << "; to create one there, run 'okr --db " << where << " init --create'\n";
    return 1;
  }
  auto store = open(db, OpenMode::create_if_missing);
  if (!store) return print_error(store.error(), ""), 1;
  const int now = (*store)->schema_version();
  if (!*before)
    std::cout << "created an okr database at " << where << " (schema version " << now << ")\n";
  else if (**before < now)
    std::cout << "upgraded the okr database at " << where << " from schema version " << **before
              << " to " << now << "\n";
  else
    std::cout << "the okr database at " << where << " is already current (schema version " << now
              << ")\n";
  return 0;
}

int cmd_import(const std::string& db, const std::vector<std::string>& files, bool yes) {
  auto store = open(db, OpenMode::create_if_missing);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  int status = 0;
  for (const auto& path : files) {
    std::string err;
    auto text = read_file(path, err);
    if (!text) {
      std::cerr << path << ": error: " << err << "\n";
      status = 1;
      continue;
    }
    TerminalProgress progress("importing " + path);
    progress(0, 1, "reading");
    auto parsed = formats::parse_okr_yaml(*text);
    if (!parsed) {
      progress.clear();
      print_error(parsed.error(), path);
      status = 1;
      continue;
    }
    app::ImportOptions options{yes, std::ref(progress)};
    auto summary = app.import_okrs(*parsed, app::Actor::local_operator(), options);
    progress.clear();
    if (!summary) {
      print_error(summary.error(), path);
      status = 1;
      continue;
    }
    std::cout << path << ": cycle " << summary->cycle << ": " << summary->created << " created, "
              << summary->updated << " updated, " << summary->unchanged << " unchanged\n";
    for (const auto& c : summary->organisation_changes)
      std::cout << path << ": changed " << c << "\n";
    for (const auto& k : summary->kept_key_results)
      std::cout << path << ": note: key result '" << k
                << "' is stored but not in the file; it was kept\n";
    if (!summary->new_accounts.empty()) {
      const auto n = summary->new_accounts.size();
      std::cout << path << ": " << n << (n == 1 ? " account was" : " accounts were")
                << " created without a password (";
      for (std::size_t i = 0; i < n && i < 5; ++i)
        std::cout << (i ? ", " : "") << summary->new_accounts[i];
      if (n > 5) std::cout << " and " << n - 5 << " more";
      std::cout << "): they sign in through single sign-on, or once an administrator sends "
                   "each an invitation (Administration → Users, or POST /api/v1/invitations) "
                   "or sets a password (okr user password EMAIL --password-stdin)\n";
    }
  }
  return status;
}

int cmd_export(const std::string& db, std::optional<std::string> cycle,
               std::optional<std::string> team, const std::string& output) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto c = app.resolve_cycle(cycle);
  if (!c) return print_error(c.error(), ""), 1;
  auto file = app.export_okrs(c->name, team);
  if (!file) return print_error(file.error(), ""), 1;
  std::string text = formats::write_okr_yaml(*file);
  if (output.empty() || output == "-") {
    std::cout << text;
    return 0;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return std::cerr << error_prefix() << "cannot write '" << output << "'\n", 1;
  std::cerr << "wrote " << output << "\n";
  return 0;
}

// A number as people write it: decimal, optionally signed, with an optional exponent
// ("62.5", "-3", "1.5e6"). Hex floats ("0x1p3"), "inf" and "nan" are refused, and so
// is a number too large or too small for a double ("1e-400" must not quietly become 0).
std::optional<double> parse_decimal(std::string_view text, std::string& why) {
  std::string_view v = text;
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  const bool plain = !v.empty() && v.find_first_not_of("0123456789.eE+-") == std::string::npos;
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    why = "is beyond the range of numbers okr keeps; write it in the key result's unit";
    return std::nullopt;
  }
  if (!plain || ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d)) {
    why = "is not a decimal number (such as 62.5 or -3 or 1.5e6)";
    return std::nullopt;
  }
  return d;
}

// `okr checkin --file FILE.csv`: a header row naming key_result and value (and, when
// wanted, confidence, note and at), then one check-in a row. All or nothing, in one
// transaction; an error names the file and the line of the row.
int cmd_checkin_file(const std::string& db, const std::string& path, const std::string& as) {
  std::string read_error;
  auto text = read_file(path, read_error);
  if (!text) {
    std::cerr << error_prefix() << read_error << "\n";
    return 1;
  }
  auto table = formats::csv::read(*text);
  if (!table) return print_error(table.error(), path), 1;
  auto fail_at = [&](int line, const std::string& message) {
    std::cerr << path << ":" << line << ": error: " << message << "\n";
    return 1;
  };
  for (const auto& r : table->rejected) fail_at(r.line, r.message);
  if (!table->rejected.empty()) {
    std::cerr << error_prefix() << "nothing recorded: fix the rows above and run it again\n";
    return 1;
  }
  for (const char* needed : {"key_result", "value"})
    if (!table->has_column(needed))
      return fail_at(
          1,
          std::string("no '") + needed +
              "' column; the header names key_result, value and optionally confidence, note, at");
  for (const auto& name : table->header)
    if (name != "key_result" && name != "value" && name != "confidence" && name != "note" &&
        name != "at")
      return fail_at(1, "unknown column '" + name +
                            "'; the columns are key_result, value, confidence, note, at");
  if (table->records.empty()) return fail_at(1, "the file holds no check-ins, only a header");
  if (table->records.size() > app::App::kMaxFile)
    return fail_at(1, "at most " + std::to_string(app::App::kMaxFile) +
                          " check-ins a file; split it into several files");
  std::vector<app::CheckInRequest> requests;
  requests.reserve(table->records.size());
  for (const auto& r : table->records) {
    app::CheckInRequest c;
    c.key_result = table->first(r, "key_result");
    if (c.key_result.empty()) return fail_at(r.line, "the row names no key_result");
    std::string why;
    const std::string value = table->first(r, "value");
    auto v = parse_decimal(value, why);
    if (!v) return fail_at(r.line, "value '" + value + "' " + why);
    c.value = *v;
    if (const std::string conf = table->first(r, "confidence"); !conf.empty()) {
      c.confidence = parse_decimal(conf, why);
      if (!c.confidence) return fail_at(r.line, "confidence '" + conf + "' " + why);
    }
    c.note = table->first(r, "note");
    if (const std::string at = table->first(r, "at"); !at.empty()) {
      c.at = parse_instant(at);
      if (!c.at)
        return fail_at(r.line,
                       "at '" + at + "' is not a time; use 2026-11-23 or 2026-11-23T10:30:00Z");
    }
    requests.push_back(std::move(c));
  }
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto actor = acting_as(app, as);
  if (!actor) return print_error(actor.error(), ""), 1;
  auto done = app.check_in_batch(requests, *actor, app::App::kMaxFile);
  if (!done) {
    // "check_ins[3]: message" names the row by its index; say its line instead.
    Error e = done.error();
    const std::string& f = e.field;
    if (f.starts_with("check_ins[")) {
      const std::size_t i = std::stoul(f.substr(10));
      const auto close = e.message.find("]: ");
      if (close != std::string::npos) e.message = e.message.substr(close + 3);
      if (i < table->records.size()) {
        fail_at(table->records[i].line, e.message);
        std::cerr << error_prefix() << "nothing recorded: the file is taken whole or not at all\n";
        return 1;
      }
    }
    return print_error(e, path), 1;
  }
  std::cout << "recorded " << done->size() << " check-in" << (done->size() == 1 ? "" : "s")
            << " from " << path << (as.empty() ? "" : " as " + as) << "\n";
  return 0;
}

int cmd_checkin(const std::string& db, const app::CheckInRequest& req, const std::string& as) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto actor = acting_as(app, as);
  if (!actor) return print_error(actor.error(), ""), 1;
  auto c = app.check_in(req, *actor);
  if (!c) return print_error(c.error(), ""), 1;
  std::cout << "checked in " << req.key_result << " = " << c->value;
  if (c->confidence) std::cout << " (confidence " << *c->confidence << ")";
  std::cout << " at " << format_instant(c->at);
  if (!as.empty()) std::cout << " as " << as;
  std::cout << "\n";
  // Where it stands now: the key result's score, band and pace, and its objective's.
  auto kr = app::get_key_result(app, std::to_string(c->key_result_id));
  if (!kr) return 0;  // recorded; only the summary could not be read
  auto view = app::objective_view(app, std::to_string(kr->objective_id), *actor);
  if (!view || view->status.teams.empty() || view->status.teams[0].objectives.empty()) return 0;
  const auto& objective = view->status.teams[0].objectives[0];
  for (const auto& k : objective.key_results) {
    if (k.key_result.id != kr->id) continue;
    std::cout << kr->key << " now scores " << format_score(k.score) << " ("
              << to_string(band_of(k.score)) << "), " << to_string(k.pace);
    if (k.pace_reason != PaceReason::none) std::cout << ": " << to_string(k.pace_reason);
    std::cout << "; objective " << objective.objective.key << " " << format_score(objective.score)
              << " (" << to_string(objective.band) << ")\n";
  }
  return 0;
}

int cmd_history(const std::string& db, const std::string& key, const std::string& format) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto kr = app::get_key_result(app, key);
  if (!kr) return print_error(kr.error(), ""), 1;
  auto check_ins = app::list_check_ins(app, kr->id);
  if (!check_ins) return print_error(check_ins.error(), ""), 1;
  auto users = app::list_users(app);
  if (!users) return print_error(users.error(), ""), 1;
  std::map<Id, std::string> email;
  for (const auto& u : *users) email[u.id] = u.email;
  if (format == "json") {
    boost::json::array a;
    for (const auto& c : *check_ins) {
      auto o = formats::to_json(c).as_object();
      o["author"] = c.author_id ? boost::json::value(email[*c.author_id]) : nullptr;
      a.push_back(std::move(o));
    }
    std::cout << formats::to_text(boost::json::object{{"key_result", formats::to_json(*kr)},
                                                      {"check_ins", std::move(a)}})
              << "\n";
    return 0;
  }
  std::cout << kr->key << ": " << printable(kr->title) << "\n";
  if (check_ins->empty()) {
    std::cout << "no check-ins yet; record one with 'okr checkin " << kr->key << " VALUE'\n";
    return 0;
  }
  auto number = [](double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  };
  std::vector<std::vector<std::string>> rows{{"AT", "VALUE", "CONFIDENCE", "AUTHOR", "NOTE"}};
  for (const auto& c : *check_ins)
    rows.push_back({format_instant(c.at), number(c.value),
                    c.confidence ? number(*c.confidence) : "-",
                    c.author_id ? email[*c.author_id] : "(local)", c.note});
  std::cout << render_table(rows);
  return 0;
}

int cmd_status(const std::string& db, std::optional<std::string> cycle,
               std::optional<std::string> team, const std::string& format) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto s = app.cycle_status(cycle, team);
  if (!s) return print_error(s.error(), ""), 1;
  if (format == "json") {
    std::cout << formats::to_text(formats::to_json(*s)) << "\n";
    return 0;
  }
  Style style{stdout_is_terminal(), 110};
  std::cout << render_status(*s, style);
  return 0;
}

int cmd_scaled_demo(const std::string& db, app::DemoScale scale, std::uint64_t seed) {
  auto store = open(db, OpenMode::create_if_missing);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  TerminalProgress progress("building the organisation (per mille)");
  const auto started = std::chrono::steady_clock::now();
  auto made = app::create_scaled_demo(app, scale, seed, std::ref(progress));
  progress.clear();
  if (!made) return print_error(made.error(), ""), 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "synthetic organisation created in " << shown_location(db) << " in " << std::fixed
            << std::setprecision(1) << seconds << " s: current cycle " << made->cycle << "\n  "
            << made->teams << " teams, " << made->users << " users, " << made->objectives
            << " objectives, " << made->key_results << " key results, " << made->check_ins
            << " check-ins,\n  " << made->sprints << " sprints, " << made->initiatives
            << " initiatives, " << made->kpis << " KPIs with " << made->measurements
            << " measurements, " << made->reviews << " reviews\n"
            << "sign in as " << app::kDemoSignIn.email << " with password "
            << app::kDemoSignIn.password << "\n";
  return 0;
}

int cmd_demo(const std::string& db) {
  auto store = open(db, OpenMode::create_if_missing);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  TerminalProgress progress("creating the demo");
  auto summary = app.create_demo(std::ref(progress));
  progress.clear();
  if (!summary) return print_error(summary.error(), ""), 1;
  std::cout << "demo organisation 'Lumen' created in " << shown_location(db) << ": current cycle "
            << summary->cycle << ", " << summary->created << " records\n"
            << "sign in as " << app::kDemoSignIn.email << " with password "
            << app::kDemoSignIn.password << "\n";
  return 0;
}

// The message for a command word that names no command of `parent`: the word, the
// nearest command when one is close (as git does), and where the list is.
std::string unknown_command_message(const CLI::App& parent, const std::string& word) {
  std::string path = parent.get_name();
  for (const CLI::App* p = parent.get_parent(); p; p = p->get_parent())
    path = p->get_name() + " " + path;
  std::string nearest;
  std::size_t best = std::string::npos;
  std::vector<std::string> names;
  for (const CLI::App* sub : parent.get_subcommands({})) {
    const std::string& name = sub->get_name();
    names.push_back(name);
    std::size_t d = edit_distance(word, name);
    if (name.starts_with(word) || word.starts_with(name)) d = std::min<std::size_t>(d, 1);
    if (d < best) best = d, nearest = name;
  }
  std::ostringstream out;
  out << path << ": '" << word << "' is not "
      << (parent.get_parent() ? "an '" + path + "'" : "an okr") << " command.\n";
  if (!nearest.empty() && best <= std::max<std::size_t>(2, word.size() / 3))
    out << "\nThe most similar command is\n\t" << nearest << "\n";
  else {
    out << "\nCommands:";
    for (const auto& n : names) out << " " << n;
    out << "\n";
  }
  out << "\nSee '" << path << " --help'.\n";
  return out.str();
}

// CLI11 answers an unknown command word with "A subcommand is required"; this walks
// the command words first and names the one that is unknown. Options taking a value
// before the command (only --db) are skipped with their value.
std::optional<std::string> check_command_words(const CLI::App& cli, int argc, char** argv) {
  const CLI::App* current = &cli;
  bool asks_for_help = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") return std::nullopt;
    if (arg == "--db") {
      ++i;
      continue;
    }
    if (arg == "-h" || arg == "--help" || arg == "--version") asks_for_help = true;
    if (arg.starts_with("-")) {
      // An option of this command that takes a value: the next word is that value
      // (`okr grade --cycle 2026-Q3 retro`), not a command.
      if (arg.find('=') == std::string::npos)
        if (const CLI::Option* o = current->get_option_no_throw(arg);
            o && o->get_items_expected_min() > 0)
          ++i;
      continue;
    }
    if (current->get_subcommands({}).empty()) return std::nullopt;
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : current->get_subcommands({}))
      if (sub->get_name() == arg) next = sub;
    if (!next) {
      // A command that works alone as well as with a subcommand (`okr grade`) leaves
      // other words to its own parser.
      if (current->get_require_subcommand_min() == 0 && current->get_parent()) return std::nullopt;
      return unknown_command_message(*current, arg);
    }
    current = next;
  }
  // "okr" or "okr user" alone: say which commands there are rather than "A subcommand
  // is required".
  if (!asks_for_help && !current->get_subcommands({}).empty() &&
      current->get_require_subcommand_min() > 0) {
    std::string path = current->get_name();
    for (const CLI::App* p = current->get_parent(); p; p = p->get_parent())
      path = p->get_name() + " " + path;
    std::ostringstream out;
    out << path << ": give a command.\n\nCommands:\n";
    for (const CLI::App* sub : current->get_subcommands({})) {
      const std::string& name = sub->get_name();
      out << "  " << name << std::string(14 - std::min<std::size_t>(13, name.size()), ' ')
          << sub->get_description() << "\n";
    }
    out << "\nSee '" << path << " --help'.\n";
    return out.str();
  }
  return std::nullopt;
}

// The command the words of `argv` name ("okr checkin", "okr user add"), walked as
// check_command_words does; the root when none.
const CLI::App* command_named(const CLI::App& cli, int argc, char** argv) {
  const CLI::App* current = &cli;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.starts_with("-")) {
      if (arg.find('=') == std::string::npos)
        for (const CLI::App* a = current; a; a = a->get_parent())
          if (const CLI::Option* o = a->get_option_no_throw(arg);
              o && o->get_items_expected_min() > 0) {
            ++i;
            break;
          }
      continue;
    }
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : current->get_subcommands({}))
      if (sub->get_name() == arg) next = sub;
    if (!next) continue;
    current = next;
  }
  return current;
}

std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* p = app.get_parent(); p; p = p->get_parent())
    path = p->get_name() + " " + path;
  return path;
}

// The first word of `argv` that looks like an option and that neither `command` nor
// the commands above it know ("--confidance", from "--confidance=0.7" too).
std::optional<std::string> unknown_option(const CLI::App& command, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (!arg.starts_with("-") || arg == "-") continue;
    if (arg.size() > 1 && (std::isdigit(static_cast<unsigned char>(arg[1])) || arg[1] == '.'))
      continue;  // a negative number, such as a check-in's value
    std::string name = arg.substr(0, arg.find('='));
    bool known = false;
    for (const CLI::App* a = &command; a && !known; a = a->get_parent())
      known = a->get_option_no_throw(name) != nullptr;
    if (!known) return name;
  }
  return std::nullopt;
}

// The option of `command` (or of the commands above it) nearest to `word`, when one
// is near enough to be what was meant.
std::optional<std::string> nearest_option(const CLI::App& command, const std::string& word) {
  std::string nearest;
  std::size_t best = std::string::npos;
  for (const CLI::App* a = &command; a; a = a->get_parent())
    for (const CLI::Option* o : a->get_options()) {
      for (const auto& n : o->get_lnames()) {
        std::size_t d = edit_distance(word, "--" + n);
        if (d < best) best = d, nearest = "--" + n;
      }
      for (const auto& n : o->get_snames()) {
        std::size_t d = edit_distance(word, "-" + n);
        if (d < best) best = d, nearest = "-" + n;
      }
    }
  if (nearest.empty() || best > std::max<std::size_t>(2, word.size() / 3)) return std::nullopt;
  return nearest;
}

// What a user reads for a command line the parser refused: one "okr <command>: error:"
// line that names the mistake (and the nearest option for a mistyped one), then
// where the command's options are. CLI11's own wording ("The following arguments
// were not expected", "1 required TEXT missing") never reaches the user.
std::string parse_error_message(const CLI::App& cli, const CLI::ParseError& e, int argc,
                                char** argv) {
  const CLI::App& command = *command_named(cli, argc, argv);
  const std::string path = command_path(command);
  std::ostringstream out;
  out << path << ": error: ";
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    if (auto option = unknown_option(command, argc, argv)) {
      out << "unknown option " << *option;
      if (auto near = nearest_option(command, *option)) out << "; did you mean " << *near << "?";
    } else {
      // A word too many: name it.
      std::string extra;
      if (auto colon = what.find(": "); colon != std::string::npos) extra = what.substr(colon + 2);
      out << "unexpected argument" << (extra.find(' ') == std::string::npos ? " " : "s ") << "'"
          << extra << "'";
    }
  } else if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    // "key_result is required", "--value is required": name it with its description.
    std::string name = what.substr(0, what.find(' '));
    const CLI::Option* o = command.get_option_no_throw(name);
    out << "missing " << name;
    if (o && !o->get_description().empty()) out << " (" << o->get_description() << ")";
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    // "--note: 1 required TEXT missing"
    std::string name = what.substr(0, what.find(':'));
    if (what.find("required") != std::string::npos && name.starts_with("-"))
      out << name << " needs a value";
    else
      out << what;
  } else {
    out << what;
  }
  out << "\nSee '" << path << " --help' for its options and examples.\n";
  return out.str();
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App cli{"okr: Objectives and Key Results for product teams", "okr"};
  cli.require_subcommand(1);
  cli.fallthrough();
  std::string db = default_db();
  cli.add_option("--db", db,
                 "database: a SQLite file (default okr.db, or $OKR_DB) or a postgres:// URL");
  cli.set_version_flag("--version", "okr 0.1.0");
  cli.footer(
      "Environment:\n"
      "  OKR_DB     the database, instead of --db\n"
      "  OKR_USER   who a command acts as (an e-mail), instead of --as\n\n"
      "Exit status: 0 done, 1 refused or failed (the message says why), 2 a mistyped command "
      "line.\n\n"
      "Getting started: docs/getting-started.md. Every command has --help with examples.\n\n"
      "Examples:\n"
      "  okr --db demo.db demo                      # a demo organisation to try things on\n"
      "  okr --db demo.db status --team growth      # its OKRs, scored\n"
      "  okr --db demo.db serve --listen 127.0.0.1:8080   # the web dashboard and the API");

  std::string format = "text";
  auto add_format = [&](CLI::App* c) {
    c->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  };

  auto* init = cli.add_subcommand("init", "create or upgrade the database");
  bool init_create = false;
  init->add_flag("--create", init_create,
                 "create the database when there is none yet (without it, a mistyped --db "
                 "is an error rather than a new, empty database)");
  init->footer(
      "Says what it did: created, upgraded from schema version N to M, or already current.\n\n"
      "Examples:\n  okr --db new.db init --create     # a new database\n"
      "  okr --db okr.db init              # after installing a newer okr: upgrade it\n"
      "  OKR_DB='postgres://okr@db.internal/okr' okr init --create");

  std::vector<std::string> files;
  auto* import = cli.add_subcommand("import", "import OKR files (YAML); idempotent by key");
  import->add_option("files", files, "OKR files to import")->required()->check(CLI::ExistingFile);
  bool yes = false;
  import->add_flag("-y,--yes", yes,
                   "apply changes to teams that already exist (name, lead, parent, members); "
                   "without it such an import lists them and writes nothing");
  import->footer(
      "Examples:\n  okr import examples/acme-2027-q1.yaml\n"
      "  okr export -o okrs.yaml             # the current cycle, to edit and import back\n"
      "  okr import okrs.yaml --yes          # also move or rename existing teams");

  std::optional<std::string> cycle, team;
  std::string output;
  auto* exp = cli.add_subcommand("export", "write a cycle's OKRs as a YAML file");
  exp->add_option("--cycle", cycle, "cycle name (default: the current cycle)");
  exp->add_option("--team", team, "only this team and the teams below it");
  exp->add_option("-o,--output", output, "file to write (default: standard output)");
  exp->footer(
      "Examples:\n  okr export --team growth -o growth.yaml\n"
      "  okr export --cycle 2026-Q3 > 2026-q3.yaml");

  app::CheckInRequest req;
  std::string at, value_text, confidence_text;
  auto* checkin = cli.add_subcommand("checkin", "record progress on a key result");
  auto* checkin_key = checkin->add_option("key_result", req.key_result, "key of the key result");
  auto* checkin_value =
      checkin->add_option("value", value_text, "the new current value (a decimal number)");
  std::string checkin_file;
  auto* checkin_file_opt = checkin->add_option(
      "--file", checkin_file,
      "a CSV file of check-ins (columns key_result, value, and optionally confidence, note, "
      "at), recorded all or nothing");
  checkin_file_opt->excludes(checkin_key)->excludes(checkin_value)->check(CLI::ExistingFile);
  checkin->add_option("--confidence", confidence_text, "confidence to reach the target, 0.0–1.0");
  checkin->add_option("--note", req.note, "what changed and why");
  checkin->add_option("--at", at, "when it was measured (ISO 8601; default now)");
  std::string as;
  checkin->add_option("--as", as, "record the check-in as this user, with their rights ($OKR_USER)")
      ->envname("OKR_USER");
  checkin->footer(
      "Examples:\n  okr checkin growth-activation 62.5 --confidence 0.7 --note \"new checklist "
      "live\" "
      "--as ben@lumen.example\n"
      "  printf 'key_result,value,confidence,note\\ngrowth-activation,63,0.7,new checklist\\n' "
      "> week-48.csv\n"
      "  okr checkin --file week-48.csv --as ben@lumen.example");

  std::string history_key;
  auto* history = cli.add_subcommand("history", "show a key result's check-ins, oldest first");
  history->add_option("key_result", history_key, "key of the key result")->required();
  add_format(history);
  history->footer(
      "Examples:\n  okr history growth-activation\n  okr history growth-activation --format json");

  auto* status = cli.add_subcommand("status", "show a cycle's OKRs with scores and pace");
  status->add_option("--cycle", cycle, "cycle name (default: the cycle containing today)");
  status->add_option("--team", team, "only this team and the teams below it");
  add_format(status);
  status->footer(
      "Examples:\n  okr status --team growth\n  okr status --cycle 2026-Q3 --format json");

  auto* demo = cli.add_subcommand("demo", "fill an empty database with a demo organisation");
  std::string demo_scale;
  std::uint64_t demo_seed = 1;
  demo->add_option("--scale", demo_scale,
                   "instead of the demo: a synthetic organisation for benchmarks, small, "
                   "medium or large (10,000 teams, 100,000 people, 2,000,000 check-ins)")
      ->check(CLI::IsMember({"small", "medium", "large"}));
  demo->add_option("--seed", demo_seed, "with --scale: the same seed makes the same organisation");
  demo->footer(
      "Examples:\n  okr --db lumen.db demo                      # Lumen, a product company\n"
      "  okr --db small.db demo --scale small --seed 1   # synthetic; --scale large for make "
      "bench");

  register_extra_commands(cli, db, format);
  // CLI11 gives a subcommand its parent's footer when it is made: a subcommand that set
  // none of its own would repeat its parent's examples.
  std::function<void(CLI::App&)> own_footers = [&](CLI::App& parent) {
    for (CLI::App* sub : parent.get_subcommands({})) {
      for (const CLI::App* above = &parent; above; above = above->get_parent())
        if (!sub->get_footer().empty() && sub->get_footer() == above->get_footer()) sub->footer("");
      own_footers(*sub);
    }
  };
  own_footers(cli);

  if (auto unknown = check_command_words(cli, argc, argv)) {
    std::cerr << *unknown;
    return 2;
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << parse_error_message(cli, e, argc, argv);
    return 2;
  }
  set_command_name(command_path(*command_named(cli, argc, argv)));

  // SQLite takes "" and ":memory:" as a database that vanishes when the command ends:
  // every command would report success and keep nothing.
  if (db.empty() || db == ":memory:") {
    std::cerr << error_prefix() << "--db " << (db.empty() ? "is empty" : "':memory:' keeps nothing")
              << "; name a database file, such as --db okr.db\n";
    return 2;
  }
  if (init->parsed()) return cmd_init(db, init_create);
  if (import->parsed()) return cmd_import(db, files, yes);
  if (exp->parsed()) return cmd_export(db, cycle, team, output);
  if (checkin->parsed()) {
    if (!checkin_file.empty()) return cmd_checkin_file(db, checkin_file, as);
    if (!checkin_key->count() || !checkin_value->count()) {
      std::cerr << "okr checkin: error: give a key result and a value, or --file FILE.csv\n"
                   "Run with --help for more information.\n";
      return 2;
    }
    std::string why;
    auto value = parse_decimal(value_text, why);
    if (!value) {
      std::cerr << error_prefix() << "value '" << value_text << "' " << why << "\n";
      return 2;
    }
    req.value = *value;
    if (!confidence_text.empty()) {
      req.confidence = parse_decimal(confidence_text, why);
      if (!req.confidence) {
        std::cerr << error_prefix() << "--confidence '" << confidence_text << "' " << why << "\n";
        return 2;
      }
    }
    if (!at.empty()) {
      req.at = parse_instant(at);
      if (!req.at) {
        std::cerr << error_prefix() << "--at '" << at
                  << "' is not a time; use 2026-11-23 or 2026-11-23T10:30:00Z\n";
        return 2;
      }
    }
    return cmd_checkin(db, req, as);
  }
  if (status->parsed()) return cmd_status(db, cycle, team, format);
  if (demo->parsed()) {
    if (!demo_scale.empty())
      return cmd_scaled_demo(db, *app::parse_demo_scale(demo_scale), demo_seed);
    return cmd_demo(db);
  }
  if (history->parsed()) return cmd_history(db, history_key, format);
  return run_extra_command(cli);
}

}  // namespace okr::cli
