// Metrics: the server's counters and latency histograms, rendered in the
// Prometheus text exposition format (version 0.0.4) for GET /metrics.
//
//   okr_http_requests_total{route,method,status}           counter
//   okr_http_request_duration_seconds{route}               histogram
//   okr_http_requests_in_flight                            gauge
//   okr_db_query_duration_seconds{operation}               histogram
//   process_resident_memory_bytes                          gauge (read at each render)
//
// Label values must come from a small fixed set (route names, method names,
// operation names chosen in code), never from user input: each distinct value
// is a time series kept for the life of the process.
//
// Thread-safe: every method may be called from any thread. Recording takes one
// short mutex per metric family; in-flight counting is a single atomic.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace okr::http {

class Metrics {
 public:
  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Brackets one request being handled (the in-flight gauge).
  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  // Counts one answered request and observes its handling time.
  void record_request(std::string_view route, std::string_view method, int status, double seconds);

  // Observes one database operation, e.g. record_db_query("objectives.list", 0.0021).
  void record_db_query(std::string_view operation, double seconds);

  // All metrics in the Prometheus text format.
  std::string render() const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets;  // non-cumulative counts, one per bound
    double sum = 0;
    std::uint64_t count = 0;
  };
  static void observe(Histogram& h, const std::vector<double>& bounds, double value);
  static void render_histogram(std::string& out, std::string_view name, std::string_view label,
                               const std::map<std::string, Histogram, std::less<>>& series,
                               const std::vector<double>& bounds);

  std::atomic<std::int64_t> in_flight_{0};

  mutable std::mutex requests_mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;

  mutable std::mutex latency_mu_;
  std::map<std::string, Histogram, std::less<>> latency_;

  mutable std::mutex db_mu_;
  std::map<std::string, Histogram, std::less<>> db_;
};

// This process's resident memory in bytes (Linux: /proc/self/statm), 0 where unknown.
double resident_memory_bytes();

// Times a database operation from construction to destruction and records it:
//
//   { DbQueryTimer timer(metrics, "objectives.list"); ... run the query ... }
//
// `metrics` may be null (then nothing is recorded) and must outlive the timer.
// `operation` must outlive the timer too (a string literal, typically).
class DbQueryTimer {
 public:
  DbQueryTimer(Metrics* metrics, std::string_view operation)
      : metrics_(metrics), operation_(operation), start_(std::chrono::steady_clock::now()) {}
  ~DbQueryTimer();
  DbQueryTimer(const DbQueryTimer&) = delete;
  DbQueryTimer& operator=(const DbQueryTimer&) = delete;

 private:
  Metrics* metrics_;
  std::string_view operation_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace okr::http
