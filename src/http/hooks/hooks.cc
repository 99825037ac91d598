#include "http/hooks/hooks.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

namespace okr::http {
namespace hooks {

std::string sha256_signature(std::string_view secret, std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
            reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length))
    return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0f]);
  }
  return out;
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Response handle(app::App& app, formats::Tracker source,
                const std::function<bool(const Tracker&)>& matches,
                const std::function<Result<formats::TrackerEvent>()>& read) {
  auto trackers = app::Trackers(app).of_source(source);
  if (!trackers) return problem_from_error(trackers.error());
  const Tracker* tracker = nullptr;
  // Every tracker is checked, so the time taken does not say which one matched.
  for (const auto& t : *trackers)
    if (matches(t) && !tracker) tracker = &t;
  if (!tracker)
    return Response::problem(401, "unauthenticated", "Unauthenticated",
                             "the delivery's signature matches no " +
                                 std::string(formats::to_string(source)) +
                                 " tracker's secret (okr tracker list)");
  auto event = read();
  if (!event) return Response::problem(400, "invalid-body", "Invalid body", event.error().message);
  if (!event->item)
    return Response::json(
        200, boost::json::object{{"tracker", tracker->name}, {"ignored", event->ignored}});
  auto summary = app::Trackers(app).apply(*tracker, *event->item, event->updated_at);
  if (!summary) return problem_from_error(summary.error());
  if (!summary->ignored.empty())
    return Response::json(200, boost::json::object{{"tracker", tracker->name},
                                                   {"key", event->item->key},
                                                   {"ignored", summary->ignored}});
  boost::json::array skipped;
  for (const auto& p : summary->skipped) skipped.push_back(boost::json::value(p.message));
  boost::json::array sprints;
  for (const auto& s : summary->sprints_created) sprints.push_back(boost::json::value(s));
  return Response::json(200, boost::json::object{{"tracker", tracker->name},
                                                 {"key", event->item->key},
                                                 {"created", summary->created},
                                                 {"updated", summary->updated},
                                                 {"unchanged", summary->unchanged},
                                                 {"sprints_created", std::move(sprints)},
                                                 {"skipped", std::move(skipped)}});
}

}  // namespace hooks

void add_hook_routes(Router& router, app::App& app) {
  hooks::add_github_routes(router, app);
  hooks::add_gitlab_routes(router, app);
  hooks::add_jira_routes(router, app);
}

}  // namespace okr::http
