// Rules about an objective: it is qualitative, names a destination rather than
// work, is short, has an owner, aligns to a parent, and carries 2–4 key results.
#include <string>

#include "core/coach/lint_context.h"
#include "core/coach/objective_activity.h"
#include "core/coach/text.h"

namespace okr::coach {
namespace {

std::string_view as_written(std::string_view title, const Token& t) {
  return title.substr(t.begin, t.end - t.begin);
}

// A year ("2026") places the objective in time, which objectives should do.
bool is_year(const Token& t) {
  return t.is_number() && !t.percent && !t.money && t.unit.empty() && t.value >= 1900 &&
         t.value <= 2100 && t.text.size() == 4;
}

bool is_number_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"double",  "triple",   "quadruple",
                                                "halve",   "twice",    "percent",
                                                "million", "thousand", "billion"};
  for (auto k : kWords)
    if (k == w) return true;
  return false;
}

void check_number(const DraftObjective& o, int index, const std::vector<Token>& tokens,
                  FindingSink& sink) {
  for (const Token& t : tokens) {
    bool numeric = (t.is_number() && !is_year(t)) || (t.is_word() && is_number_word(t.text));
    if (!numeric) continue;
    Finding f;
    f.objective = index;
    f.field = "title";
    f.message =
        "Numbers belong in key results; an objective says where the team is going and why it "
        "matters, in words people remember.";
    f.suggestion = "Take " + quote(as_written(o.title, t)) +
                   " out of the objective and make it a key result with a baseline and a "
                   "target ('from X to Y').";
    f.evidence = "number " + quote(as_written(o.title, t)) + " in the objective";
    sink.add("objective-has-number", std::move(f));
    return;
  }
}

void check_activity(const DraftObjective& o, int index, const std::vector<Token>& tokens,
                    FindingSink& sink) {
  auto reading = read_objective_activity(o.title, tokens);
  if (!reading) return;
  Finding f;
  f.objective = index;
  f.field = "title";
  f.message =
      "The objective describes work to do; a strong objective names the destination that "
      "makes the work worth doing, so the team can find better ways to get there.";
  std::string destination = objective_as_destination(reading->thing, reading->kind);
  if (destination.empty())
    f.suggestion =
        "Say what will be true for people or the business when it has worked, e.g. 'New users "
        "succeed on their first day' rather than '" +
        reading->lead + " …'.";
  else
    f.suggestion =
        "Say what will be true for people or the business when it has worked, in your words: '" +
        destination + "' rather than '" + reading->lead + " …'.";
  f.evidence = reading->evidence;
  sink.add("objective-is-activity", std::move(f));
}

void check_length(const DraftObjective& o, int index, const Config& config, FindingSink& sink) {
  int words = count_words(o.title);
  int sentences = count_sentences(o.title);
  if (words <= config.max_objective_words && sentences <= 2) return;
  Finding f;
  f.objective = index;
  f.field = "title";
  f.message =
      "A long objective is hard to remember and to rally around; the detail belongs in "
      "the description and the key results.";
  f.suggestion = "Cut the objective to one memorable sentence of at most " +
                 std::to_string(config.max_objective_words) +
                 " words; move the rest to the description.";
  f.evidence = words > config.max_objective_words
                   ? std::to_string(words) + " words (limit " +
                         std::to_string(config.max_objective_words) + ")"
                   : std::to_string(sentences) + " sentences (limit 2)";
  sink.add("objective-too-long", std::move(f));
}

void check_owner(const DraftObjective& o, int index, FindingSink& sink) {
  if (!is_blank(o.owner)) return;
  Finding f;
  f.objective = index;
  f.field = "owner";
  f.message = "An objective nobody owns is an objective nobody drives or reports on.";
  f.suggestion = "Name one person who owns it: owner: name@example.com.";
  sink.add("objective-no-owner", std::move(f));
}

void check_alignment(const Draft& draft, const DraftObjective& o, int index, FindingSink& sink) {
  if (!draft.has_parent_level || o.top_level || !is_blank(o.aligns_to)) return;
  Finding f;
  f.objective = index;
  f.field = "aligns_to";
  f.message =
      "The objective does not say which parent objective it serves, so nobody can see "
      "how it adds up to the organisation's goals.";
  f.suggestion = "Set aligns_to to the key of the parent objective it contributes to.";
  f.evidence = "aligns_to is empty and the team has a parent level";
  sink.add("objective-not-aligned", std::move(f));
}

void check_kr_count(const DraftObjective& o, int index, const Config& config, FindingSink& sink) {
  int n = static_cast<int>(o.key_results.size());
  if (n >= config.min_key_results && n <= config.max_key_results) return;
  Finding f;
  f.objective = index;
  f.field = "key_results";
  if (n < config.min_key_results) {
    f.message = n == 0 ? "An objective without key results cannot be measured or graded."
                       : "With so few key results, one metric can be gamed or move for other "
                         "reasons; a second angle keeps the objective honest.";
    f.suggestion = "Add key results until there are " + std::to_string(config.min_key_results) +
                   " to " + std::to_string(config.max_key_results) +
                   ", each a different measurable sign the objective is achieved.";
    f.evidence =
        std::to_string(n) + " key results (minimum " + std::to_string(config.min_key_results) + ")";
  } else {
    f.message = "Too many key results dilute focus; the team cannot move all of them at once.";
    f.suggestion = "Keep the " + std::to_string(config.max_key_results) +
                   " key results that best show the objective is achieved; track the rest as "
                   "KPIs or initiatives.";
    f.evidence =
        std::to_string(n) + " key results (limit " + std::to_string(config.max_key_results) + ")";
  }
  sink.add("kr-count", std::move(f));
}

// Lagging key results (renewals, revenue) are known late; with nothing leading, the
// team learns at the end of the cycle whether its work moved anything.
void check_leading(const DraftObjective& o, int index, FindingSink& sink) {
  if (o.key_results.empty()) return;
  for (const auto& k : o.key_results)
    if (k.indicator != Indicator::lagging) return;
  Finding f;
  f.objective = index;
  f.field = "key_results";
  f.message =
      "Every key result here is lagging: each is known only late, so the team cannot tell "
      "during the cycle whether its work is moving them.";
  f.suggestion =
      "Add a leading key result, an early sign the team can act on within weeks (for "
      "renewals: weekly active accounts, or tickets per account), and tag it leading.";
  f.evidence = std::to_string(o.key_results.size()) + " key results, all tagged lagging";
  sink.add("kr-only-lagging", std::move(f));
}

}  // namespace

void check_objective(const Draft& draft, int index, const std::vector<Token>& tokens,
                     const Config& config, FindingSink& sink) {
  const DraftObjective& o = draft.objectives[static_cast<size_t>(index)];
  if (is_blank(o.title)) {
    Finding f;
    f.objective = index;
    f.field = "title";
    f.message = "An objective needs a title that says where the team is going.";
    f.suggestion = "Write one sentence that names the destination and who benefits.";
    sink.add("title-missing", std::move(f));
  } else {
    if (sink.enabled("objective-has-number")) check_number(o, index, tokens, sink);
    if (sink.enabled("objective-is-activity")) check_activity(o, index, tokens, sink);
    if (sink.enabled("objective-too-long")) check_length(o, index, config, sink);
  }
  if (sink.enabled("objective-no-owner")) check_owner(o, index, sink);
  if (sink.enabled("objective-not-aligned")) check_alignment(draft, o, index, sink);
  if (sink.enabled("kr-count")) check_kr_count(o, index, config, sink);
  if (sink.enabled("kr-only-lagging")) check_leading(o, index, sink);
}

}  // namespace okr::coach
