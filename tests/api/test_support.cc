#include "test_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "http/builtin_routes.h"
#include "http/json_body.h"

namespace okr::http::testing {

namespace bhttp = boost::beast::http;

LogSink CapturedLog::sink() {
  return [this](std::string_view line) {
    std::lock_guard lock(mu_);
    lines_.emplace_back(line);
  };
}

std::vector<std::string> CapturedLog::lines() const {
  std::lock_guard lock(mu_);
  return lines_;
}

std::vector<std::string> CapturedLog::grep(std::string_view needle) const {
  std::vector<std::string> out;
  for (std::string& line : lines()) {
    if (line.find(needle) != std::string::npos) out.push_back(std::move(line));
  }
  return out;
}

TestServer::TestServer(Setup routes, ServerOptions options) {
  Router router;
  add_builtin_routes(router, metrics_);
  if (routes) routes(router, metrics_);
  options.address = "127.0.0.1";
  options.port = 0;
  if (options.threads == 0) options.threads = 4;
  options.log = log_->sink();
  server_ = std::make_unique<Server>(std::move(options), std::move(router), metrics_);
  if (Status s = server_->listen(); !s) throw std::runtime_error(s.error().message);
  thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
  stop_and_join();
}

void TestServer::stop_and_join() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

RawConnection::RawConnection(std::uint16_t port, const char* from) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  if (from) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &local.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void RawConnection::shutdown_write() {
  ::shutdown(fd_, SHUT_WR);
}

int RawConnection::receive(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready == 0) return -1;
  char chunk[16 * 1024];
  const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return 0;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return 1;
}

std::optional<HttpResponse> RawConnection::read_response(std::chrono::milliseconds timeout,
                                                         bool head) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.body_limit(64 * 1024 * 1024);
  if (head) parser.skip(true);
  for (;;) {
    while (!buffer_.empty() && !parser.is_done()) {
      boost::beast::error_code ec;
      const std::size_t used = parser.put(boost::asio::buffer(buffer_), ec);
      buffer_.erase(0, used);
      if (ec == bhttp::error::need_more) break;
      if (ec) return std::nullopt;
      if (used == 0) break;
    }
    if (parser.is_done()) return parser.release();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= 0ms || receive(left) != 1) return std::nullopt;
  }
}

bool RawConnection::wait_closed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= 0ms) return false;
    const int r = receive(left);
    if (r == 0) return true;
    if (r < 0) return false;
  }
}

std::string format_request(std::string_view method, std::string_view target, std::string_view body,
                           const std::vector<std::string>& extra) {
  std::string out;
  out.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  for (const std::string& line : extra) out.append(line).append("\r\n");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  out.append("\r\n").append(body);
  return out;
}

std::optional<HttpResponse> fetch(std::uint16_t port, std::string_view method,
                                  std::string_view target, std::string_view body,
                                  const std::vector<std::string>& extra) {
  RawConnection connection(port);
  if (!connection.connected()) return std::nullopt;
  if (!connection.send(format_request(method, target, body, extra))) return std::nullopt;
  return connection.read_response(5s, method == "HEAD");
}

boost::json::value json_of(const HttpResponse& response) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(response.body(), ec);
  return ec ? boost::json::value() : v;
}

void add_test_routes(Router& router, Metrics&) {
  router.add(Method::get, "/api/v1/objectives/{id}", "objectives.get", [](const Request& r) {
    boost::json::object o;
    o["id"] = r.param("id");
    if (auto q = r.query_param("q")) o["q"] = *q;
    return Response::json(200, o);
  });
  router.add(Method::put, "/api/v1/objectives/{id}", "objectives.update", [](const Request& r) {
    auto body = parse_json_object(r);
    if (!body.ok()) return body.problem;
    return Response::json(200, *body.value);
  });
  router.add(Method::del, "/api/v1/objectives/{id}", "objectives.delete",
             [](const Request&) { return Response::no_content(); });
  router.add(Method::post, "/api/v1/echo", "echo", [](const Request& r) {
    auto body = parse_json(r);
    if (!body.ok()) return body.problem;
    return Response::json(200, *body.value);
  });
  router.add(Method::get, "/api/v1/boom", "boom", [](const Request&) -> Response {
    throw std::runtime_error("the handler failed on purpose");
  });
  router.add(Method::get, "/static/{file}", "static", [](const Request& r) {
    return Response::text(200, "file:" + std::string(r.param("file")));
  });
}

}  // namespace okr::http::testing
