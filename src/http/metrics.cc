#include "http/metrics.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>

namespace okr::http {
namespace {

// Upper bounds in seconds. HTTP: from a cached read to a slow report.
const std::vector<double> kHttpBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                         0.25,  0.5,    1,     2.5,  5,     10};
// Database: most statements take well under a millisecond.
const std::vector<double> kDbBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                       0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5};

// Escapes a label value: backslash, double quote and newline.
std::string escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void Metrics::observe(Histogram& h, const std::vector<double>& bounds, double value) {
  if (h.buckets.empty()) h.buckets.assign(bounds.size(), 0);
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (value <= bounds[i]) {
      ++h.buckets[i];
      break;
    }
  }
  h.sum += value;
  ++h.count;
}

void Metrics::record_request(std::string_view route, std::string_view method, int status,
                             double seconds) {
  {
    std::lock_guard lock(requests_mu_);
    ++requests_[{std::string(route), std::string(method), status}];
  }
  std::lock_guard lock(latency_mu_);
  auto it = latency_.find(route);
  if (it == latency_.end()) it = latency_.emplace(std::string(route), Histogram{}).first;
  observe(it->second, kHttpBounds, seconds);
}

void Metrics::record_db_query(std::string_view operation, double seconds) {
  std::lock_guard lock(db_mu_);
  auto it = db_.find(operation);
  if (it == db_.end()) it = db_.emplace(std::string(operation), Histogram{}).first;
  observe(it->second, kDbBounds, seconds);
}

void Metrics::render_histogram(std::string& out, std::string_view name, std::string_view label,
                               const std::map<std::string, Histogram, std::less<>>& series,
                               const std::vector<double>& bounds) {
  for (const auto& [value, h] : series) {
    const std::string v = escape(value);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      cumulative += h.buckets[i];
      out += fmt::format("{}_bucket{{{}=\"{}\",le=\"{}\"}} {}\n", name, label, v, bounds[i],
                         cumulative);
    }
    out += fmt::format("{}_bucket{{{}=\"{}\",le=\"+Inf\"}} {}\n", name, label, v, h.count);
    out += fmt::format("{}_sum{{{}=\"{}\"}} {}\n", name, label, v, h.sum);
    out += fmt::format("{}_count{{{}=\"{}\"}} {}\n", name, label, v, h.count);
  }
}

std::string Metrics::render() const {
  std::string out;
  out +=
      "# HELP okr_http_requests_total HTTP requests answered, by route, method and status.\n"
      "# TYPE okr_http_requests_total counter\n";
  {
    std::lock_guard lock(requests_mu_);
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out += fmt::format("okr_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                         escape(route), escape(method), status, count);
    }
  }
  out +=
      "# HELP okr_http_request_duration_seconds Time to handle a request, by route.\n"
      "# TYPE okr_http_request_duration_seconds histogram\n";
  {
    std::lock_guard lock(latency_mu_);
    render_histogram(out, "okr_http_request_duration_seconds", "route", latency_, kHttpBounds);
  }
  out += fmt::format(
      "# HELP okr_http_requests_in_flight Requests being handled now.\n"
      "# TYPE okr_http_requests_in_flight gauge\n"
      "okr_http_requests_in_flight {}\n",
      in_flight_.load(std::memory_order_relaxed));
  out +=
      "# HELP okr_db_query_duration_seconds Time of a database operation, by operation.\n"
      "# TYPE okr_db_query_duration_seconds histogram\n";
  {
    std::lock_guard lock(db_mu_);
    render_histogram(out, "okr_db_query_duration_seconds", "operation", db_, kDbBounds);
  }
  out += fmt::format(
      "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
      "# TYPE process_resident_memory_bytes gauge\n"
      "process_resident_memory_bytes {}\n",
      resident_memory_bytes());
  return out;
}

double resident_memory_bytes() {
  std::ifstream statm("/proc/self/statm");
  long long pages_total = 0, pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  const long page = ::sysconf(_SC_PAGESIZE);
  return static_cast<double>(pages_resident) * static_cast<double>(page > 0 ? page : 4096);
}

DbQueryTimer::~DbQueryTimer() {
  if (!metrics_) return;
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
  metrics_->record_db_query(operation_, elapsed.count());
}

}  // namespace okr::http
