// The end of a cycle from a terminal: moving a cycle through its states, grading
// (overrides, reflections, the retrospective), carrying objectives over, the health
// of the practice, reminders of stale key results, the grading report, and the
// organisation's status rule.
#include <fmt/format.h>
#include <boost/json.hpp>
#include <fstream>
#include <iostream>

#include "app/grading.h"
#include "app/queries.h"
#include "app/resources.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/render.h"
#include "formats/grading_report.h"
#include "formats/json_model.h"

namespace okr::cli {
namespace {

struct GradingOptions {
  std::string* db = nullptr;
  std::string* format = nullptr;
  std::optional<std::string> cycle, team;
  std::string as;
  // cycle move
  std::string cycle_name, state;
  // grade override / reflect
  std::string key_result, objective, reason;
  double score = 0;
  std::optional<std::string> worked, did_not, learned;
  // retrospective
  std::optional<std::string> problem, inputs, friction, evidence;
  // carry-over
  std::string from, to;
  std::vector<std::string> objectives;
  // report
  std::string report_format = "md", output;
  // status rule
  std::optional<double> on_track_within, on_track_confidence, off_track_beyond,
      off_track_confidence, unchecked_after, aspirational_aim;
};

GradingOptions options;
CLI::App *cycle_list_cmd = nullptr, *cycle_move_cmd = nullptr, *grade_cmd = nullptr,
         *override_cmd = nullptr, *clear_override_cmd = nullptr, *reflect_cmd = nullptr,
         *retro_cmd = nullptr, *carry_cmd = nullptr, *health_cmd = nullptr, *remind_cmd = nullptr,
         *report_grading_cmd = nullptr, *rule_cmd = nullptr;

// Opens the database and resolves --as; prints the error and returns nullopt on failure.
struct Opened {
  std::unique_ptr<Store> store;
  std::unique_ptr<app::App> app;
  app::Actor actor;
};
std::optional<Opened> begin(bool needs_actor = false) {
  auto store = open(*options.db);
  if (!store) return print_error(store.error(), ""), std::nullopt;
  Opened s;
  s.store = std::move(*store);
  s.app = std::make_unique<app::App>(*s.store);
  if (needs_actor) {
    auto actor = acting_as(*s.app, options.as);
    if (!actor) return print_error(actor.error(), ""), std::nullopt;
    s.actor = *actor;
  }
  return s;
}

bool json_out() {
  return *options.format == "json";
}

int cycle_list() {
  auto s = begin();
  if (!s) return 1;
  auto cycles = app::list_cycles(*s->app);
  if (!cycles) return print_error(cycles.error(), ""), 1;
  if (json_out()) {
    boost::json::array a;
    for (const auto& c : *cycles) a.push_back(formats::to_json(c));
    std::cout << formats::to_text(a) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows{{"CYCLE", "START", "END", "STATE"}};
  for (const auto& c : *cycles)
    rows.push_back(
        {c.name, format_date(c.start), format_date(c.end), std::string(to_string(c.state))});
  std::cout << render_table(rows);
  return 0;
}

int cycle_move() {
  auto s = begin(true);
  if (!s) return 1;
  auto to = parse_cycle_state(options.state);
  if (!to) {
    std::cerr << error_prefix() << "'" << options.state
              << "' is not a cycle state; use planning, active, grading or closed\n";
    return 2;
  }
  auto c = app::move_cycle(*s->app, options.cycle_name, *to, s->actor);
  if (!c) return print_error(c.error(), ""), 1;
  std::cout << "cycle " << c->name << " is now " << to_string(c->state);
  if (c->state == CycleState::closed)
    std::cout << ": its scores, check-ins, key results and texts are locked";
  std::cout << "\n";
  return 0;
}

int grade() {
  auto s = begin();
  if (!s) return 1;
  auto d = app::grading_document(*s->app, options.cycle, options.team);
  if (!d) return print_error(d.error(), ""), 1;
  if (json_out()) {
    std::cout << formats::to_text(formats::to_json(*d)) << "\n";
    return 0;
  }
  std::cout << render_grade(*d, Style{stdout_is_terminal(), 110});
  return 0;
}

int override_score() {
  auto s = begin(true);
  if (!s) return 1;
  auto r =
      app::override_score(*s->app, options.key_result, options.score, options.reason, s->actor);
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "score of " << options.key_result << " overridden to " << format_score(options.score)
            << ": " << options.reason << "\n";
  return 0;
}

int clear_override() {
  auto s = begin(true);
  if (!s) return 1;
  auto r = app::clear_override(*s->app, options.key_result, s->actor);
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "override of " << options.key_result << " removed; the computed score counts\n";
  return 0;
}

int reflect() {
  auto s = begin(true);
  if (!s) return 1;
  if (!options.worked && !options.did_not && !options.learned) {
    std::cerr << error_prefix() << "give --worked, --did-not or --learned\n";
    return 2;
  }
  auto r = app::reflect(*s->app, options.objective,
                        {options.worked, options.did_not, options.learned}, s->actor);
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "reflection on " << options.objective << " saved\n";
  return 0;
}

int retro() {
  auto s = begin(true);
  if (!s) return 1;
  auto cycle = s->app->resolve_cycle(options.cycle);
  if (!cycle) return print_error(cycle.error(), ""), 1;
  app::RetrospectiveFields f{options.problem, options.inputs, options.friction, options.evidence};
  if (!f.problem && !f.inputs && !f.friction && !f.evidence) {
    std::cerr << error_prefix()
              << "give at least one of --problem, --inputs, --friction, --evidence\n";
    return 2;
  }
  // The command line edits in place: it reads the version it replaces.
  std::optional<std::int64_t> version;
  auto existing = app::grading_document(*s->app, cycle->name, std::nullopt);
  if (existing)
    for (const auto& r : existing->retrospectives) {
      std::optional<std::string> key;
      if (r.team_id)
        for (const auto& t : existing->status.teams)
          if (t.team.id == *r.team_id) key = t.team.key;
      if (key == options.team || (!r.team_id && !options.team)) version = r.version;
    }
  auto r = app::put_retrospective(*s->app, cycle->name, options.team, version, f, s->actor);
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "retrospective of " << (options.team ? "team " + *options.team : "the organisation")
            << " for " << cycle->name << " saved\n";
  return 0;
}

int carry() {
  auto s = begin(true);
  if (!s) return 1;
  auto carried = app::carry_over(*s->app, {options.from, options.to, options.objectives}, s->actor);
  if (!carried) return print_error(carried.error(), ""), 1;
  for (const auto& c : *carried) {
    std::cout << "carried " << c.from.key << " into " << options.to << " as " << c.to.key
              << " with " << c.key_results.size() << " key result"
              << (c.key_results.size() == 1 ? "" : "s") << "\n";
    for (const auto& k : c.key_results)
      std::cout << "  " << k.key << ": baseline " << fmt::format("{}", k.start) << ", target "
                << fmt::format("{}", k.target) << "\n";
  }
  return 0;
}

std::string share(std::optional<double> v) {
  return v ? fmt::format("{:.0f} %", *v * 100) : "–";
}

int health() {
  auto s = begin();
  if (!s) return 1;
  auto d = app::health_document(*s->app, options.cycle, options.team);
  if (!d) return print_error(d.error(), ""), 1;
  if (json_out()) {
    auto j = formats::health_json(d->health, d->status).as_object();
    j.emplace("cycle", d->cycle.name);
    std::cout << formats::to_text(j) << "\n";
    return 0;
  }
  std::cout << "OKR health, " << d->cycle.name << " (" << to_string(d->cycle.state) << ")\n\n";
  std::vector<std::vector<std::string>> rows{{"TEAM", "OWNED", "ON CADENCE", "ALIGNED",
                                              "WORK LINKED", "LATE SURPRISES", "OBJECTIVES",
                                              "TREND"}};
  auto row = [&](const std::string& who, const PracticeHealth& h) {
    std::string trend;
    for (double x : h.score_trend) trend += (trend.empty() ? "" : " → ") + format_score(x);
    rows.push_back({who, share(h.owned_share()), share(h.cadence_share()), share(h.aligned_share()),
                    share(h.linked_share()), std::to_string(h.late_surprises),
                    std::to_string(h.objectives) + (h.teams_outside_guidance ? " (not 2–3)" : ""),
                    trend.empty() ? "–" : trend});
  };
  row("company", d->health.company);
  for (const auto& t : d->status.teams)
    if (auto it = d->health.teams.find(t.team.id); it != d->health.teams.end())
      row(std::string(static_cast<std::size_t>(t.depth) * 2, ' ') + t.team.key, it->second);
  std::cout << render_table(rows);
  if (d->health.company.objectives_outside_guidance)
    std::cout << "\n"
              << d->health.company.objectives_outside_guidance
              << " objective(s) with other than 2–4 key results\n";
  return 0;
}

int remind() {
  auto s = begin();
  if (!s) return 1;
  auto r = app::reminders(*s->app, options.cycle);
  if (!r) return print_error(r.error(), ""), 1;
  if (json_out()) {
    std::cout << formats::to_text(formats::to_json(*r)) << "\n";
    return 0;
  }
  if (r->total == 0) {
    std::cout << "no stale key results in " << r->cycle.name
              << ": every team checked in on cadence\n";
    return 0;
  }
  std::cout << r->total << " stale key result" << (r->total == 1 ? "" : "s") << " in "
            << r->cycle.name << " on " << format_date(r->today) << "\n";
  for (const auto& o : r->owners) {
    std::cout << "\n"
              << (o.owner ? (o.owner->name.empty() ? o.owner->email
                                                   : o.owner->name + " <" + o.owner->email + ">")
                          : std::string("nobody owns these"))
              << "\n";
    for (const auto& k : o.key_results)
      std::cout << "  " << k.key_result.key << "  " << k.key_result.title << "  ("
                << (k.last_check_in ? "last check-in " + format_date(date_of(*k.last_check_in))
                                    : std::string("never checked in"))
                << ", " << k.days_silent << " days; team " << k.team.key << " checks in every "
                << k.team.check_in_cadence_days << " days)\n";
  }
  return 0;
}

int report_grading() {
  auto s = begin();
  if (!s) return 1;
  auto d = app::grading_document(*s->app, options.cycle, options.team);
  if (!d) return print_error(d.error(), ""), 1;
  const std::string text = options.report_format == "html"  ? formats::grading_html(*d)
                           : options.report_format == "csv" ? formats::grading_csv(*d)
                                                            : formats::grading_markdown(*d);
  if (options.output.empty() || options.output == "-") {
    std::cout << text;
    return 0;
  }
  std::ofstream out(options.output, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << error_prefix() << "cannot write " << options.output << "\n";
    return 1;
  }
  std::cout << "wrote the " << d->status.cycle.name << " grading report to " << options.output
            << "\n";
  return 0;
}

int status_rule() {
  const bool changing = options.on_track_within || options.on_track_confidence ||
                        options.off_track_beyond || options.off_track_confidence ||
                        options.unchecked_after || options.aspirational_aim;
  auto s = begin(changing);
  if (!s) return 1;
  auto rule = app::get_status_rule(*s->app);
  if (!rule) return print_error(rule.error(), ""), 1;
  if (changing) {
    StatusRule r = *rule;
    if (options.on_track_within) r.on_track_within = *options.on_track_within;
    if (options.on_track_confidence) r.on_track_confidence = *options.on_track_confidence;
    if (options.off_track_beyond) r.off_track_beyond = *options.off_track_beyond;
    if (options.off_track_confidence) r.off_track_confidence = *options.off_track_confidence;
    if (options.unchecked_after) r.unchecked_after = *options.unchecked_after;
    if (options.aspirational_aim) r.aspirational_aim = *options.aspirational_aim;
    rule = app::set_status_rule(*s->app, r, s->actor);
    if (!rule) return print_error(rule.error(), ""), 1;
  }
  const StatusRule& r = *rule;
  std::cout << fmt::format(
      "expected:  the elapsed share of the cycle times the objective's aim (committed 1.0, "
      "aspirational {})\n"
      "on track:  at most {} behind the expected score, confidence at least {}\n"
      "off track: more than {} behind, or confidence below {}\n"
      "at risk:   anything between; a key result nobody has checked in on once {} of the cycle "
      "has passed\n",
      r.aspirational_aim, r.on_track_within, r.on_track_confidence, r.off_track_beyond,
      r.off_track_confidence, r.unchecked_after);
  return 0;
}

void add_as(CLI::App* c) {
  c->add_option("--as", options.as, "act as this user, with their rights ($OKR_USER)")
      ->envname("OKR_USER");
}

}  // namespace

void register_grading_commands(CLI::App& cli, std::string& db, std::string& format) {
  options.db = &db;
  options.format = &format;
  auto add_format = [&](CLI::App* c) {
    c->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  };

  auto* cycle = cli.add_subcommand("cycle", "list cycles and move them through their states");
  cycle->require_subcommand(1);
  cycle_list_cmd = cycle->add_subcommand("list", "list the cycles with their dates and states");
  cycle_list_cmd->footer("Example:\n  okr cycle list");
  add_format(cycle_list_cmd);
  cycle_move_cmd = cycle->add_subcommand(
      "move", "move a cycle on: planning → active → grading → closed (closing locks it)");
  cycle_move_cmd->add_option("cycle", options.cycle_name, "cycle name, e.g. 2026-Q4")->required();
  cycle_move_cmd->add_option("state", options.state, "planning, active, grading or closed")
      ->required();
  add_as(cycle_move_cmd);
  cycle_move_cmd->footer(
      "Examples:\n  okr cycle move 2026-Q4 grading\n  okr cycle move 2026-Q4 closed\n"
      "  okr cycle move 2026-Q4 grading   # reopen a closed cycle (administrators)");

  grade_cmd = cli.add_subcommand(
      "grade", "grade a cycle: final scores, bands, flags, overrides, reflections, calibration");
  grade_cmd->require_subcommand(0, 1);
  grade_cmd->add_option("--cycle", options.cycle, "cycle name (default: the current cycle)");
  grade_cmd->add_option("--team", options.team, "only this team and the teams below it");
  add_format(grade_cmd);
  grade_cmd->footer(
      "Examples:\n  okr grade --cycle 2026-Q3\n  okr grade --cycle 2026-Q3 --format json\n"
      "  okr grade --team growth        # the current cycle, one team");
  override_cmd =
      grade_cmd->add_subcommand("override", "override a key result's score, with a reason");
  override_cmd->add_option("key_result", options.key_result, "key of the key result")->required();
  override_cmd->add_option("score", options.score, "the score to grade it at, 0.0–1.0")->required();
  override_cmd->add_option("--reason", options.reason, "why the computed score is wrong")
      ->required();
  add_as(override_cmd);
  override_cmd->footer(
      "Example:\n  okr grade override growth-activation 0.6 --reason \"counted twice in October\"");
  clear_override_cmd = grade_cmd->add_subcommand(
      "clear-override", "remove a key result's override so its computed score counts");
  clear_override_cmd->add_option("key_result", options.key_result, "key of the key result")
      ->required();
  add_as(clear_override_cmd);
  clear_override_cmd->footer(
      "Examples:\n  okr grade override growth-invites 0.3 --reason \"the invite e-mails bounced\"\n"
      "  okr grade clear-override growth-invites");
  reflect_cmd = grade_cmd->add_subcommand("reflect", "write an objective's reflection");
  reflect_cmd->add_option("objective", options.objective, "key of the objective")->required();
  reflect_cmd->add_option("--worked", options.worked, "what worked");
  reflect_cmd->add_option("--did-not", options.did_not, "what did not");
  reflect_cmd->add_option("--learned", options.learned, "what we learned");
  add_as(reflect_cmd);
  reflect_cmd->footer(
      "Example:\n  okr grade reflect growth-first-week --worked \"weekly reviews\" --learned "
      "\"start earlier\"");
  retro_cmd = grade_cmd->add_subcommand(
      "retro", "answer the retrospective questions about the OKR practice for the cycle");
  retro_cmd->add_option("--problem", options.problem,
                        "what team problem is this framework supposed to solve?");
  retro_cmd->add_option("--inputs", options.inputs,
                        "what inputs and roles need to be clear for it to work?");
  retro_cmd->add_option("--friction", options.friction,
                        "where does the process still create friction or delay?");
  retro_cmd->add_option("--evidence", options.evidence,
                        "how will we know the framework is improving execution?");
  add_as(retro_cmd);
  retro_cmd->footer(
      "Without --team (given to `okr grade`) the answers are the organisation's.\n"
      "Example:\n  okr grade --team growth retro --friction \"check-ins on "
      "Fridays collide with the release\"");

  carry_cmd = cli.add_subcommand(
      "carry-over", "copy objectives of a graded cycle into the next, final values as baselines");
  carry_cmd->add_option("objectives", options.objectives, "keys of the objectives to carry")
      ->required();
  carry_cmd->add_option("--from", options.from, "the graded or closed cycle")->required();
  carry_cmd->add_option("--to", options.to, "the cycle to copy them into")->required();
  add_as(carry_cmd);
  carry_cmd->footer(
      "Example:\n  okr carry-over growth-onboarding-2026q3 --from 2026-Q3 --to 2026-Q4");

  health_cmd = cli.add_subcommand(
      "health", "is the OKR practice working? ownership, cadence, alignment, surprises, trend");
  health_cmd->add_option("--cycle", options.cycle, "cycle name (default: the current cycle)");
  health_cmd->add_option("--team", options.team, "only this team and the teams below it");
  add_format(health_cmd);
  health_cmd->footer("Examples:\n  okr health\n  okr health --team growth --format json");

  remind_cmd = cli.add_subcommand(
      "remind", "list stale key results (no check-in within the team's cadence) by owner");
  remind_cmd->add_option("--cycle", options.cycle, "cycle name (default: the current cycle)");
  add_format(remind_cmd);
  remind_cmd->footer("Examples:\n  okr remind\n  okr remind --format json");

  auto* report = cli.add_subcommand("report", "write a report");
  report->require_subcommand(1);
  report_grading_cmd = report->add_subcommand(
      "grading", "the quarter's grading report as Markdown, one HTML file, or CSV");
  report_grading_cmd->add_option("--cycle", options.cycle,
                                 "cycle name (default: the current cycle)");
  report_grading_cmd->add_option("--team", options.team, "only this team and the teams below it");
  report_grading_cmd->add_option("--format", options.report_format, "md, html or csv")
      ->check(CLI::IsMember({"md", "html", "csv"}));
  report_grading_cmd->add_option("-o,--output", options.output,
                                 "file to write (default: standard output)");
  report_grading_cmd->footer(
      "Examples:\n  okr report grading --cycle 2026-Q3 --format html -o q3.html\n"
      "  okr report grading --cycle 2026-Q3 --format csv > q3.csv");

  auto* settings = cli.add_subcommand("settings", "show or change the organisation's settings");
  settings->require_subcommand(1);
  rule_cmd = settings->add_subcommand(
      "status-rule", "show or change when a key result is on track, at risk or off track");
  rule_cmd->add_option("--on-track-within", options.on_track_within,
                       "on track when at most this behind the expected progress (0.1)");
  rule_cmd->add_option("--on-track-confidence", options.on_track_confidence,
                       "… and the latest confidence is at least this (0.5)");
  rule_cmd->add_option("--off-track-beyond", options.off_track_beyond,
                       "off track when more than this behind (0.3)");
  rule_cmd->add_option("--off-track-confidence", options.off_track_confidence,
                       "… or the latest confidence is below this (0.3)");
  rule_cmd->add_option("--unchecked-after", options.unchecked_after,
                       "never on track without a check-in once this share of the cycle has "
                       "passed (0.1)");
  rule_cmd->add_option("--aspirational-aim", options.aspirational_aim,
                       "the score an aspirational objective aims for; pace compares its key "
                       "results with the line to it (0.7)");
  add_as(rule_cmd);
  rule_cmd->footer(
      "Examples:\n  okr settings status-rule\n  okr settings status-rule --on-track-within 0.15\n"
      "  okr settings status-rule --aspirational-aim 0.6");
}

std::optional<int> run_grading_command() {
  if (cycle_list_cmd && cycle_list_cmd->parsed()) return cycle_list();
  if (cycle_move_cmd && cycle_move_cmd->parsed()) return cycle_move();
  if (override_cmd && override_cmd->parsed()) return override_score();
  if (clear_override_cmd && clear_override_cmd->parsed()) return clear_override();
  if (reflect_cmd && reflect_cmd->parsed()) return reflect();
  if (retro_cmd && retro_cmd->parsed()) return retro();
  if (grade_cmd && grade_cmd->parsed()) return grade();
  if (carry_cmd && carry_cmd->parsed()) return carry();
  if (health_cmd && health_cmd->parsed()) return health();
  if (remind_cmd && remind_cmd->parsed()) return remind();
  if (report_grading_cmd && report_grading_cmd->parsed()) return report_grading();
  if (rule_cmd && rule_cmd->parsed()) return status_rule();
  return std::nullopt;
}

}  // namespace okr::cli
