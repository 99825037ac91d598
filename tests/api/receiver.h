// A webhook receiver for tests: a real HTTP server on a loopback port that records
// every request it gets (headers lower-cased, body, when) and answers each with the
// next scripted status (200 once the script is used up).
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace okr::http::testing {

struct Received {
  std::string path;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::chrono::steady_clock::time_point at;
  int answered = 0;
};

class Receiver {
 public:
  Receiver() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }
  ~Receiver() {
    stopping_ = true;
    boost::system::error_code ec;
    // Wakes the blocking accept.
    boost::asio::ip::tcp::socket poke(io_);
    poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    thread_.join();
  }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // The next `n` requests are answered `status`.
  void answer_next(int n, int status) {
    std::lock_guard lock(mu_);
    for (int i = 0; i < n; ++i) script_.push_back(status);
  }
  // Every request from now on is answered `status` (0: back to 200).
  void answer_always(int status) {
    std::lock_guard lock(mu_);
    always_ = status;
  }

  std::vector<Received> received() const {
    std::lock_guard lock(mu_);
    return received_;
  }

  // Waits until `n` requests have arrived or `deadline` passes; true if they did.
  bool wait_for(std::size_t n, std::chrono::milliseconds deadline) {
    std::unique_lock lock(mu_);
    return arrived_.wait_for(lock, deadline, [&] { return received_.size() >= n; });
  }

 private:
  void serve() {
    namespace beast = boost::beast;
    while (!stopping_) {
      boost::asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) continue;
      beast::flat_buffer buffer;
      beast::http::request<beast::http::string_body> req;
      beast::http::read(socket, buffer, req, ec);
      if (ec) continue;
      Received r;
      r.path = std::string(req.target());
      for (const auto& f : req) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[name] = std::string(f.value());
      }
      r.body = req.body();
      r.at = std::chrono::steady_clock::now();
      {
        std::lock_guard lock(mu_);
        if (always_) {
          r.answered = always_;
        } else if (!script_.empty()) {
          r.answered = script_.front();
          script_.pop_front();
        } else {
          r.answered = 200;
        }
      }
      beast::http::response<beast::http::string_body> res{
          static_cast<beast::http::status>(r.answered), 11};
      res.set(beast::http::field::connection, "close");
      res.body() = "ok";
      res.prepare_payload();
      {
        std::lock_guard lock(mu_);
        received_.push_back(r);
      }
      arrived_.notify_all();
      beast::http::write(socket, res, ec);
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::condition_variable arrived_;
  std::deque<int> script_;
  int always_ = 0;
  std::vector<Received> received_;
};

}  // namespace okr::http::testing
