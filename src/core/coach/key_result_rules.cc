// Rules about a key result: it is measurable (baseline and target differ), it
// measures an outcome rather than an output, it is one result rather than a
// list of tasks, it says how much, and someone owns it.
#include <string>

#include "core/coach/lint_context.h"
#include "core/coach/text.h"

namespace okr::coach {
namespace {

Finding at(int objective, int kr, std::string field) {
  Finding f;
  f.objective = objective;
  f.key_result = kr;
  f.field = std::move(field);
  return f;
}

std::string format_value(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

void check_measurable(const DraftKeyResult& k, int oi, int ki, const KeyResultAnalysis& a,
                      FindingSink& sink) {
  std::string problem, field;
  switch (k.metric) {
    case MetricKind::boolean:
    case MetricKind::milestone:
      return;  // done or not, or percent complete: measurable by nature
    case MetricKind::range:
      if (!k.range_low || !k.range_high) {
        problem = "a range key result without its low and high bounds";
        field = !k.range_low ? "range_low" : "range_high";
      } else if (*k.range_low > *k.range_high) {
        problem = "range low " + format_value(*k.range_low) + " is above high " +
                  format_value(*k.range_high);
        field = "range_low";
      }
      break;
    default:
      if (!k.start && !k.target) {
        problem = "no baseline (start) and no target";
        field = "start";
      } else if (!k.start) {
        problem = "no baseline (start)";
        field = "start";
      } else if (!k.target) {
        problem = "no target";
        field = "target";
      } else if (*k.start == *k.target) {
        problem = "the target equals the baseline (" + format_value(*k.start) + ")";
        field = "target";
      }
  }
  if (problem.empty()) return;
  Finding f = at(oi, ki, field);
  f.message =
      k.metric == MetricKind::range
          ? "A range key result needs a low and a high bound, low below high, or it cannot be "
            "scored."
          : "Without a baseline and a different target, progress cannot be scored and "
            "nobody can tell at the end of the cycle whether the key result was met.";
  if (k.metric == MetricKind::range)
    f.suggestion = "Set range_low and range_high to the band the metric must stay within.";
  else if (!a.from_text.empty() && !a.to_text.empty())
    f.suggestion = "The title says 'from " + a.from_text + " to " + a.to_text +
                   "': record those as start and target.";
  else
    f.suggestion =
        "Set start to today's value and target to where it should be at the end of "
        "the cycle, e.g. start: 40, target: 65.";
  f.evidence = problem;
  sink.add("kr-not-measurable", std::move(f));
}

void check_binary(const DraftKeyResult& k, int oi, int ki, FindingSink& sink) {
  if (k.metric != MetricKind::boolean) return;
  Finding f = at(oi, ki, "metric");
  f.message =
      "A yes/no key result scores 0 until the last day, so check-ins show no progress "
      "and it often hides a task.";
  f.suggestion =
      "If the result can be partly achieved, measure it as a number or percentage "
      "(e.g. the share of customers using it) instead of done/not done.";
  f.evidence = "metric: boolean";
  sink.add("kr-is-binary", std::move(f));
}

void check_output(int oi, int ki, const KeyResultAnalysis& a, FindingSink& sink) {
  Classification c = classify(a);
  if (!c.is_output) return;
  Finding f = at(oi, ki, "title");
  if (!c.certain) {
    if (!sink.enabled("kr-may-be-output")) return;
    f.message =
        "Is this something users do, or something the team delivers? If the team can finish "
        "it on its own, it is an output and can be met while users and the business see no "
        "change.";
    std::string rewrite = c.rewrite;  // "Name the change …" -> "name the change …"
    if (!rewrite.empty() && rewrite[0] >= 'A' && rewrite[0] <= 'Z') rewrite[0] += 'a' - 'A';
    f.suggestion = "If it is work to deliver, " + rewrite;
    f.evidence = c.evidence + "; weak evidence, so the coach asks rather than warns";
    sink.add("kr-may-be-output", std::move(f));
    return;
  }
  if (!sink.enabled("kr-is-output")) return;
  f.message =
      "This key result counts work delivered (an output); it can be met while users "
      "and the business see no change.";
  f.suggestion = c.rewrite;
  f.evidence = c.evidence;
  sink.add("kr-is-output", std::move(f));
}

void check_task_list(int oi, int ki, const KeyResultAnalysis& a, FindingSink& sink) {
  if (!a.verb || a.verb->cls != VerbClass::activity) return;
  const auto& tk = a.tokens;
  std::string verbs = quote(a.verb_text());
  int count = 1;
  bool and_then = false;
  for (size_t i = a.verb_begin + a.verb->length; i + 1 < tk.size(); ++i) {
    const Token& t = tk[i];
    bool joint = (t.kind == Token::Kind::separator && t.text != "." && t.text != "(" &&
                  t.text != ")" && t.text != "/") ||
                 (t.is_word() && (t.text == "and" || t.text == "then"));
    if (!joint) continue;
    size_t j = i + 1;
    while (j < tk.size() && tk[j].is_word() && (tk[j].text == "then" || tk[j].text == "and")) {
      and_then = and_then || tk[j].text == "then";
      ++j;
    }
    if (t.is_word() && t.text == "then") and_then = true;
    auto v = match_verb(tk, j);
    if (v && v->cls == VerbClass::activity) {
      ++count;
      verbs += ", " + quote(a.span_text(j, j + v->length));
      i = j + v->length - 1;
    }
  }
  if (count < 2 && !and_then) return;
  Finding f = at(oi, ki, "title");
  f.message =
      "A key result that lists tasks measures whether the plan was followed, not "
      "whether it worked; the tasks belong in initiatives.";
  f.suggestion =
      "Move the tasks to initiatives linked to this key result, and keep one result "
      "they should cause, e.g. 'Raise <metric> from X to Y'.";
  f.evidence = count >= 2 ? "several actions: " + verbs : "'then' chains steps";
  sink.add("kr-is-task-list", std::move(f));
}

void check_vague(int oi, int ki, const KeyResultAnalysis& a, FindingSink& sink) {
  if (a.has_number) return;
  const auto& tk = a.tokens;
  for (size_t i = 0; i < tk.size(); ++i) {
    if (!tk[i].is_word()) continue;
    bool phrase = i + 1 < tk.size() && tk[i + 1].is_word() && tk[i + 1].text == "class" &&
                  (tk[i].text == "world" || tk[i].text == "in");
    if (!phrase && !is_vague_word(tk[i].text)) continue;
    std::string word = a.span_text(i, phrase ? i + 2 : i + 1);  // "world-class" as written
    Finding f = at(oi, ki, "title");
    f.message = "Words like " + quote(word) +
                " promise change without saying how much, so nobody can tell at the end of "
                "the cycle whether it happened.";
    f.suggestion = "Replace " + quote(word) +
                   " with the measure and the numbers: 'Raise <metric> from X to Y'.";
    f.evidence = quote(word) + " with no number";
    sink.add("vague-words", std::move(f));
    return;
  }
}

void check_owner(const DraftKeyResult& k, int oi, int ki, FindingSink& sink) {
  if (!is_blank(k.owner)) return;
  Finding f = at(oi, ki, "owner");
  f.message = "A key result nobody owns gets no check-ins and drifts until the review.";
  f.suggestion = "Name one person who checks in on it: owner: name@example.com.";
  sink.add("kr-no-owner", std::move(f));
}

}  // namespace

void check_key_result(const DraftObjective& objective, int oi, int ki, const KeyResultAnalysis& a,
                      FindingSink& sink) {
  const DraftKeyResult& k = objective.key_results[static_cast<size_t>(ki)];
  bool titled = !is_blank(k.title);
  if (!titled) {
    Finding f = at(oi, ki, "title");
    f.message = "A key result needs a title that names what is measured.";
    f.suggestion = "Write the result as a change: 'Raise <metric> from X to Y'.";
    sink.add("title-missing", std::move(f));
  }
  if (sink.enabled("kr-not-measurable")) check_measurable(k, oi, ki, a, sink);
  if (sink.enabled("kr-is-binary")) check_binary(k, oi, ki, sink);
  if (titled && (sink.enabled("kr-is-output") || sink.enabled("kr-may-be-output")))
    check_output(oi, ki, a, sink);
  if (titled && sink.enabled("kr-is-task-list")) check_task_list(oi, ki, a, sink);
  if (titled && sink.enabled("vague-words")) check_vague(oi, ki, a, sink);
  if (sink.enabled("kr-no-owner")) check_owner(k, oi, ki, sink);
}

}  // namespace okr::coach
