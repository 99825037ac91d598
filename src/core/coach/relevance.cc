// kr-could-pass-without-objective: a key result that could be met while the
// objective is missed is a smell the coach cannot prove, so it asks.
//
// To stay quiet when unsure it asks only when both titles name a theme it
// recognises (onboarding, revenue, reliability, ...), the themes differ and are
// not related, and the two titles share no meaningful word. An objective in
// general words ("Delight our customers") never triggers it.
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/coach/lint_context.h"

namespace okr::coach {
namespace {

enum Theme : std::uint32_t {
  kOnboarding = 1u << 0,
  kRetention = 1u << 1,
  kAcquisition = 1u << 2,
  kRevenue = 1u << 3,
  kReliability = 1u << 4,
  kSupport = 1u << 5,
  kEngagement = 1u << 6,
  kQuality = 1u << 7,
  kCost = 1u << 8,
  kDelivery = 1u << 9,
  kSatisfaction = 1u << 10,
  kMarketplace = 1u << 11,
  kData = 1u << 12,
  kSecurity = 1u << 13,
};

struct ThemeInfo {
  Theme theme;
  std::string_view name;
  std::uint32_t related;  // themes a key result may serve without sharing words
  std::array<std::string_view, 14> stems;
};

constexpr std::uint32_t kUserFacing = kOnboarding | kRetention | kEngagement | kSupport |
                                      kReliability | kQuality | kSatisfaction | kMarketplace;

constexpr ThemeInfo kThemes[] = {
    {kOnboarding,
     "onboarding",
     kRetention | kEngagement | kAcquisition | kSupport | kSatisfaction,
     {"onboarding", "onboard", "activation", "activate", "setup", "welcome", "signup", "trial",
      "aha", "newcomer"}},
    {kRetention,
     "retention",
     kOnboarding | kEngagement | kRevenue | kSupport | kSatisfaction | kMarketplace,
     {"retention", "retain", "churn", "renewal", "renew", "loyal", "loyalty", "repeat", "stay",
      "comeback"}},
    {kAcquisition,
     "acquisition",
     kOnboarding | kRevenue | kMarketplace,
     {"acquisition", "acquire", "traffic", "visitor", "lead", "mql", "awareness", "brand",
      "audience", "seo", "organic", "download", "install", "prospect"}},
    {kRevenue,
     "revenue",
     kAcquisition | kRetention | kMarketplace | kCost,
     {"revenue", "arr", "mrr", "monetisation", "monetization", "pricing", "paid", "paying",
      "upsell", "profit", "booking", "deal", "pipeline", "sale"}},
    {kReliability,
     "reliability",
     kQuality | kSupport | kSatisfaction | kCost | kDelivery,
     {"reliable", "reliability", "uptime", "availability", "incident", "outage", "downtime",
      "latency", "fast", "speed", "performance", "stable", "stability", "resilient"}},
    {kSupport,
     "support",
     kQuality | kSatisfaction | kOnboarding | kRetention | kCost | kReliability,
     {"support", "ticket", "csat", "resolution", "response", "help", "agent", "escalation",
      "contact", "deflection"}},
    {kEngagement,
     "engagement",
     kOnboarding | kRetention | kSatisfaction | kMarketplace,
     {"engagement", "engage", "active", "usage", "habit", "daily", "weekly", "session", "dau",
      "mau", "wau", "adoption", "adopt"}},
    {kQuality,
     "quality",
     kReliability | kSupport | kSatisfaction | kDelivery,
     {"bug", "defect", "quality", "crash", "regression"}},
    {kCost,
     "cost",
     kRevenue | kReliability | kDelivery | kSupport,
     {"cost", "spend", "efficient", "efficiency", "margin", "budget", "waste", "cheaper"}},
    {kDelivery,
     "delivery",
     kReliability | kQuality | kCost,
     {"developer", "engineer", "engineering", "deploy", "deployment", "ci", "platform", "kubernete",
      "infrastructure", "productivity", "release", "build"}},
    {kSatisfaction,
     "satisfaction",
     kUserFacing,
     {"nps", "satisfaction", "love", "delight", "happy", "rating", "review", "trust", "sentiment",
      "promoter"}},
    {kMarketplace,
     "marketplace",
     kRevenue | kAcquisition | kEngagement | kRetention | kSatisfaction,
     {"seller", "buyer", "host", "listing", "liquidity", "gmv", "supply", "demand", "marketplace",
      "merchant"}},
    {kData,
     "data",
     0,
     {"data", "dashboard", "insight", "query", "report", "analytics", "warehouse", "metric"}},
    {kSecurity,
     "security",
     kReliability,
     {"security", "secure", "compliance", "soc", "gdpr", "audit", "privacy", "risk",
      "vulnerability"}},
};

std::uint32_t themes_of(const std::vector<Token>& tokens) {
  // Word -> themes it signals. Built once.
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string_view, std::uint32_t>();
    for (const ThemeInfo& info : kThemes)
      for (auto s : info.stems)
        if (!s.empty()) (*m)[s] |= info.theme;
    return m;
  }();
  std::uint32_t out = 0;
  for (const Token& t : tokens) {
    if (!t.is_word()) continue;
    if (auto it = index->find(t.stem); it != index->end()) out |= it->second;
    if (t.text != t.stem)
      if (auto it = index->find(t.text); it != index->end()) out |= it->second;
  }
  return out;
}

std::uint32_t related_to(std::uint32_t themes) {
  std::uint32_t out = themes;
  for (const ThemeInfo& info : kThemes)
    if (themes & info.theme) out |= info.related;
  // Relations hold both ways.
  for (const ThemeInfo& info : kThemes)
    if (info.related & themes) out |= info.theme;
  return out;
}

std::string names_of(std::uint32_t themes) {
  std::string out;
  for (const ThemeInfo& info : kThemes)
    if (themes & info.theme) out += (out.empty() ? "" : ", ") + std::string(info.name);
  return out;
}

// A word carrying meaning: not a stopword, not a generic subject of every OKR.
bool meaningful(const Token& t) {
  static constexpr std::string_view kGeneric[] = {"user", "customer", "team", "our",
                                                  "make", "more",     "get",  "from",
                                                  "per",  "month",    "week", "quarter"};
  if (!t.is_word() || t.stem.size() < 3 || is_stopword(t.text)) return false;
  for (auto g : kGeneric)
    if (t.stem == g) return false;
  return true;
}

bool share_a_word(const std::vector<Token>& a, const std::vector<Token>& b) {
  for (const Token& x : a) {
    if (!meaningful(x)) continue;
    for (const Token& y : b)
      if (meaningful(y) && x.stem == y.stem) return true;
  }
  return false;
}

}  // namespace

void check_relevance(const std::vector<Token>& objective_tokens, int oi, int ki,
                     const KeyResultAnalysis& kr, FindingSink& sink) {
  if (!sink.enabled("kr-could-pass-without-objective")) return;
  if (objective_tokens.empty() || kr.tokens.empty()) return;
  std::uint32_t goal = themes_of(objective_tokens);
  std::uint32_t measure = themes_of(kr.tokens);
  if (goal == 0 || measure == 0) return;
  if (related_to(goal) & measure) return;
  if (share_a_word(objective_tokens, kr.tokens)) return;
  Finding f;
  f.objective = oi;
  f.key_result = ki;
  f.field = "title";
  f.message =
      "Could this key result be met without achieving the objective? If so, it measures "
      "the wrong thing.";
  f.suggestion =
      "If it could, choose a measure that moves only when the objective is achieved; "
      "if it could not, say the link in the title.";
  f.evidence =
      "the objective is about " + names_of(goal) + "; the key result measures " + names_of(measure);
  sink.add("kr-could-pass-without-objective", std::move(f));
}

}  // namespace okr::coach
