#include "http/access_log.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "formats/json_model.h"

namespace okr::http {
namespace {

std::string now_rfc3339() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t t = system_clock::to_time_t(now);
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

// At most `max` bytes of printable ASCII: a hostile request can make neither a
// huge log line nor one that is not valid UTF-8.
std::string clip(std::string_view s, std::size_t max) {
  std::string out(s.substr(0, max));
  for (char& c : out) {
    if (c < 0x20 || c > 0x7E) c = '?';
  }
  return out;
}

}  // namespace

LogSink stderr_log_sink() {
  static std::mutex mu;
  return [](std::string_view line) {
    std::lock_guard lock(mu);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

std::string format_access_line(const AccessRecord& r) {
  boost::json::object o;
  o["time"] = now_rfc3339();
  o["level"] = "info";
  o["msg"] = "request";
  o["request_id"] = clip(r.request_id, 64);
  o["method"] = clip(r.method, 16);
  o["path"] = clip(r.path, 512);
  o["route"] = r.route;
  o["status"] = r.status;
  o["bytes"] = r.bytes;
  o["duration_ms"] = std::round(r.duration_ms * 1000) / 1000;
  o["client"] = clip(r.client, 64);
  return formats::to_text(o);
}

std::string format_event_line(std::string_view level, std::string_view message,
                              std::string_view request_id, std::string_view detail) {
  boost::json::object o;
  o["time"] = now_rfc3339();
  o["level"] = level;
  o["msg"] = message;
  if (!request_id.empty()) o["request_id"] = request_id;
  if (!detail.empty()) o["detail"] = clip(detail, 1024);
  return formats::to_text(o);
}

}  // namespace okr::http
