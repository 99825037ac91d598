#include "core/validate.h"

#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "core/text.h"

namespace okr {
namespace {

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxText = 10000;

std::optional<Error> fail(std::string field, std::string message) {
  return Error::invalid(std::move(field), std::move(message));
}

std::optional<Error> check_key(std::string_view key) {
  if (!is_valid_key(key))
    return fail("key", "key '" + std::string(key) +
                           "' must be 1–64 characters of a–z, 0–9, '-', '_' or '.', "
                           "starting with a letter or digit and not only digits");
  return std::nullopt;
}

std::optional<Error> check_title(std::string_view title, std::string_view field = "title") {
  if (auto e = check_text(title, field)) return e;
  bool blank = true;
  for (char c : title)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') blank = false;
  if (blank) return fail(std::string(field), std::string(field) + " must not be empty");
  if (title.size() > kMaxTitle)
    return fail(std::string(field),
                std::string(field) + " must be at most " + std::to_string(kMaxTitle) + " bytes");
  return std::nullopt;
}

// The first of `texts` (value, field) that may not be stored.
std::optional<Error> check_texts(
    std::initializer_list<std::pair<std::string_view, std::string_view>> texts) {
  for (auto [text, field] : texts)
    if (auto e = check_text(text, field)) return e;
  return std::nullopt;
}

}  // namespace

std::optional<Error> check_text(std::string_view text, std::string_view field) {
  if (auto problem = text_problem(text))
    return fail(std::string(field), std::string(field) + " " + *problem);
  return std::nullopt;
}

std::optional<Error> check_magnitude(double v, std::string_view field) {
  if (!std::isfinite(v) || std::abs(v) > kMaxMagnitude)
    return fail(std::string(field),
                std::string(field) + " must be a number from -1e15 to 1e15 (±10^15)");
  return std::nullopt;
}

std::string normalize_email(std::string_view email) {
  std::string out(email);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_plausible_email(std::string_view e) {
  auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= e.size()) return false;
  if (e.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = e.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  for (char c : e)
    if (c == ' ' || c == '\t' || c == '\n' || static_cast<unsigned char>(c) < 0x20) return false;
  return e.size() <= 254;
}

std::optional<Error> validate(const Cycle& c) {
  if (auto e = check_title(c.name, "name")) return e;
  if (!c.start.ok()) return fail("start", "start must be a calendar date");
  if (!c.end.ok()) return fail("end", "end must be a calendar date");
  if (std::chrono::sys_days{c.end} < std::chrono::sys_days{c.start})
    return fail("end", "a cycle's end (" + format_date(c.end) + ") must not be before its start (" +
                           format_date(c.start) + ")");
  return std::nullopt;
}

std::optional<Error> validate(const Team& t) {
  if (auto e = check_texts({{t.key, "key"}, {t.function, "function"}})) return e;
  if (auto e = check_key(t.key)) return e;
  if (auto e = check_title(t.name, "name")) return e;
  if (t.parent_id && *t.parent_id == t.id && t.id != 0)
    return fail("parent", "a team cannot be its own parent");
  if (t.check_in_cadence_days < 1 || t.check_in_cadence_days > 92)
    return fail("check_in_cadence_days",
                "the check-in cadence is a number of days from 1 to 92 (7: weekly)");
  return std::nullopt;
}

std::optional<Error> validate(const User& u) {
  if (auto e = check_texts({{u.email, "email"}, {u.name, "name"}})) return e;
  if (!is_plausible_email(u.email))
    return fail("email", "'" + u.email + "' is not an e-mail address");
  if (u.name.size() > kMaxTitle) return fail("name", "name must be at most 300 bytes");
  return std::nullopt;
}

std::optional<Error> validate(const Objective& o) {
  if (auto e = check_texts({{o.key, "key"}, {o.description, "description"}})) return e;
  if (auto e = check_key(o.key)) return e;
  if (auto e = check_title(o.title)) return e;
  if (o.description.size() > kMaxText) return fail("description", "description is too long");
  if (o.parent_id && o.id != 0 && *o.parent_id == o.id)
    return fail("aligns_to", "an objective cannot align to itself");
  return std::nullopt;
}

std::optional<Error> validate(const KeyResult& kr) {
  if (auto e = check_texts({{kr.key, "key"}, {kr.unit, "unit"}})) return e;
  if (auto e = check_key(kr.key)) return e;
  if (auto e = check_title(kr.title)) return e;
  if (kr.unit.size() > 32) return fail("unit", "unit must be at most 32 bytes");
  for (auto [v, name] : {std::pair{kr.start, "start"}, std::pair{kr.target, "target"},
                         std::pair{kr.range_low, "low"}, std::pair{kr.range_high, "high"},
                         std::pair{kr.tolerance, "tolerance"}})
    if (auto e = check_magnitude(v, name)) return e;
  if (!(kr.weight > 0 && kr.weight <= kMaxWeight))
    return fail("weight", "weight must be greater than 0 and at most 1000");
  if (kr.driven_by_aligned && kr.kpi_id)
    return fail("driven_by_aligned",
                "a key result follows a KPI or is driven by the objectives aligned to it, "
                "not both");
  switch (kr.metric) {
    case MetricKind::number:
    case MetricKind::percent:
    case MetricKind::currency:
      if (kr.target == kr.start)
        return fail("target", "target must differ from start (both are " +
                                  std::to_string(kr.start) + "): nothing would be measured");
      break;
    case MetricKind::boolean:
      if (kr.start != 0 || kr.target != 1)
        return fail("target", "a boolean key result goes from 0 (not done) to 1 (done)");
      break;
    case MetricKind::milestone:
      if (kr.start < 0 || kr.start > 100 || kr.target < 0 || kr.target > 100)
        return fail("target", "a milestone key result is measured from 0 to 100 percent");
      if (kr.target == kr.start) return fail("target", "target must differ from start");
      break;
    case MetricKind::range:
      if (kr.range_high < kr.range_low)
        return fail("high", "a range's high must not be below its low");
      if (kr.tolerance < 0) return fail("tolerance", "tolerance must not be negative");
      break;
  }
  return std::nullopt;
}

std::optional<Error> validate(const CheckIn& c, const KeyResult& kr) {
  if (auto e = check_magnitude(c.value, "value")) return e;
  if (auto e = check_text(c.note, "note")) return e;
  if (c.confidence && !(*c.confidence >= 0 && *c.confidence <= 1))
    return fail("confidence", "confidence must be between 0.0 and 1.0");
  if (c.note.size() > kMaxText) return fail("note", "note must be at most 10000 bytes");
  if (kr.metric == MetricKind::boolean && c.value != 0 && c.value != 1)
    return fail("value", "a boolean key result takes 0 (not done) or 1 (done)");
  if (kr.metric == MetricKind::milestone && (c.value < 0 || c.value > 100))
    return fail("value", "a milestone key result takes a percentage from 0 to 100");
  return std::nullopt;
}

std::optional<Error> validate(const Dependency& d) {
  if (auto e = check_texts({{d.note, "note"}, {d.answer, "answer"}})) return e;
  if (d.note.size() > kMaxText) return fail("note", "note must be at most 10000 bytes");
  if (d.answer.size() > kMaxText) return fail("answer", "answer must be at most 10000 bytes");
  return std::nullopt;
}

std::optional<Error> validate(const Sprint& s) {
  if (auto e = check_title(s.name, "name")) return e;
  if (std::chrono::sys_days{s.end} < std::chrono::sys_days{s.start})
    return fail("end", "a sprint's end must not be before its start");
  return std::nullopt;
}

std::optional<Error> validate(const Initiative& i) {
  if (auto e = check_texts({{i.key, "key"}, {i.url, "url"}})) return e;
  if (auto e = check_title(i.title)) return e;
  if (!i.key.empty() && i.key.size() > 64) return fail("key", "key must be at most 64 bytes");
  if (!i.key.empty() && i.key.find_first_not_of("0123456789") == std::string::npos)
    return fail("key", "an initiative key must not be only digits (those name ids)");
  if (i.url.size() > 2000) return fail("url", "url must be at most 2000 bytes");
  // Pages link to it: only web addresses, never javascript: or data: ones.
  if (!i.url.empty() && i.url.rfind("https://", 0) != 0 && i.url.rfind("http://", 0) != 0)
    return fail("url", "url must be a web address starting with https:// or http://");
  return std::nullopt;
}

std::optional<Error> validate(const Kpi& k) {
  if (auto e = check_texts({{k.key, "key"}, {k.unit, "unit"}})) return e;
  if (auto e = check_key(k.key)) return e;
  if (auto e = check_title(k.name, "name")) return e;
  for (auto [v, name] :
       {std::pair{k.healthy_low, "healthy_low"}, std::pair{k.healthy_high, "healthy_high"},
        std::pair{k.warning_low, "warning_low"}, std::pair{k.warning_high, "warning_high"}})
    if (v)
      if (auto e = check_magnitude(*v, name)) return e;
  if (k.healthy_low && k.healthy_high && *k.healthy_high < *k.healthy_low)
    return fail("healthy_high", "the healthy range's high must not be below its low");
  if (k.warning_low && k.warning_high && *k.warning_high < *k.warning_low)
    return fail("warning_high", "the warning range's high must not be below its low");
  return std::nullopt;
}

std::optional<Error> validate(const Measurement& m) {
  return check_magnitude(m.value, "value");
}

std::optional<Error> validate(const ScoreOverride& o) {
  if (!(o.score >= 0 && o.score <= 1)) return fail("score", "score must be between 0.0 and 1.0");
  if (auto e = check_text(o.reason, "reason")) return e;
  if (check_title(o.reason, "reason")) return fail("reason", "an override needs a reason");
  return std::nullopt;
}

}  // namespace okr
