#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include "http/pipeline.h"

namespace okr::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// How long a closing connection keeps reading (and discarding) what the client
// still sends, so that the client receives our last response instead of a reset.
constexpr std::chrono::milliseconds kLinger = 1000ms;

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// One client connection. The session coroutine and stop() touch `stream` and
// `idle` only on the stream's strand.
struct Connection {
  Connection(tcp::socket socket, std::string peer)
      : stream(std::move(socket)), peer(std::move(peer)) {}
  beast::tcp_stream stream;
  const std::string peer;  // the client's address, "" when unknown
  bool idle = false;       // waiting for the next request to start
};

// Header fields that frame the message belong to the server, not to handlers;
// values with CR, LF or NUL would break the framing.
bool acceptable_field(const Headers::Field& f) {
  for (std::string_view framing : {"Content-Length", "Transfer-Encoding", "Connection"}) {
    if (iequals(f.first, framing)) return false;
  }
  if (f.first.empty()) return false;
  auto clean = [](const std::string& s) {
    return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos;
  };
  return clean(f.first) && clean(f.second) && f.first.find(':') == std::string::npos;
}

bhttp::response<bhttp::string_body> to_beast(Response& response, unsigned version,
                                             bool keep_alive) {
  int status = response.status;
  if (status < 200 || status > 599) status = 500;
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(status), version};
  for (const Headers::Field& f : response.headers) {
    if (acceptable_field(f)) out.insert(f.first, f.second);
  }
  out.keep_alive(keep_alive);
  if (status == 204 || status == 304) return out;  // no body, no Content-Length
  out.body() = std::move(response.body);
  out.prepare_payload();
  return out;
}

std::string peer_address(const beast::tcp_stream& stream) {
  beast::error_code ec;
  const auto endpoint = stream.socket().remote_endpoint(ec);
  return ec ? std::string() : endpoint.address().to_string();
}

// Half-closes, then discards input until the client closes or kLinger passes.
asio::awaitable<void> close_gracefully(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (!ec) {
    stream.expires_after(kLinger);
    std::array<char, 16 * 1024> scratch;
    for (;;) {
      auto [read_ec, n] = co_await stream.async_read_some(asio::buffer(scratch), kTuple);
      if (read_ec) break;
    }
  }
  stream.close();
}

asio::awaitable<void> send_and_close(beast::tcp_stream& stream, Response response,
                                     std::chrono::milliseconds write_timeout) {
  auto out = to_beast(response, 11, false);
  stream.expires_after(write_timeout);
  auto [ec, n] = co_await bhttp::async_write(stream, out, kTuple);
  if (!ec) co_await close_gracefully(stream);
  stream.close();
}

bool is_http_parse_error(const beast::error_code& ec) {
  return &ec.category() == &bhttp::make_error_code(bhttp::error::bad_target).category();
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Router r, Metrics& m)
      : options(std::move(o)),
        router(std::move(r)),
        pipeline(router, m, options.log ? options.log : stderr_log_sink(), options.trust_proxy),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control) {}

  unsigned thread_count() const {
    return options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  }

  std::size_t connection_count() {
    std::lock_guard lock(mu);
    return connections.size();
  }

  std::vector<std::shared_ptr<Connection>> snapshot() {
    std::lock_guard lock(mu);
    return {connections.begin(), connections.end()};
  }

  void forget(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(mu);
    if (connections.erase(connection)) {
      auto it = per_client.find(connection->peer);
      if (it != per_client.end() && --it->second == 0) per_client.erase(it);
    }
  }

  // Completion of a detached coroutine: nothing may escape into the io_context.
  auto log_failure(std::string_view what) {
    return [this, what](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        pipeline.log(format_event_line("error", what, {}, ex.what()));
      } catch (...) {
        pipeline.log(format_event_line("error", what));
      }
    };
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(std::shared_ptr<Connection> connection);
  asio::awaitable<void> refuse(tcp::socket socket, std::string detail);
  asio::awaitable<void> drain();
  std::optional<Response> protocol_error(const beast::error_code& ec,
                                         const bhttp::request_parser<bhttp::string_body>& parser,
                                         const std::string& peer);

  ServerOptions options;
  Router router;
  Pipeline pipeline;
  std::atomic<bool> stopping{false};
  std::atomic<bool> stop_requested{false};
  std::atomic<std::uint16_t> port{0};
  bool listening = false;

  std::mutex mu;
  std::set<std::shared_ptr<Connection>> connections;  // guarded by mu
  std::map<std::string, std::size_t> per_client;      // open connections by address; mu

  // Destroyed before the members above, so that coroutine frames it still
  // holds can unregister their connections while tearing down.
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control;  // acceptor and signals
  tcp::acceptor acceptor;
  asio::signal_set signals;
  // Handlers run here, never on the I/O threads: a slow one (a big report, a
  // password hash) occupies a worker, while the I/O threads keep reading, writing
  // and answering /healthz. Writes have their own pool: a write waiting for the
  // database's lock (held by another process, a backup, a long import) holds one of
  // its threads, never one that a read needs. Declared last, so they are joined
  // before the io_context they complete into goes away.
  asio::thread_pool workers{worker_count(options)};
  asio::thread_pool writers{options.writers ? options.writers : worker_count(options)};

  static std::size_t worker_count(const ServerOptions& o) {
    if (o.workers) return o.workers;
    const unsigned threads = o.threads ? o.threads : std::thread::hardware_concurrency();
    return std::max<std::size_t>(8, 4 * std::size_t{std::max(1u, threads)});
  }
};

namespace {

// Answered on the I/O thread itself: cheap, and must stay prompt when every
// worker is busy.
bool runs_inline(std::string_view target) {
  return target.substr(0, target.find('?')) == "/healthz";
}

// Methods that never write: their handlers run on the readers' pool.
bool reads_only(bhttp::verb method) {
  return method == bhttp::verb::get || method == bhttp::verb::head ||
         method == bhttp::verb::options;
}

}  // namespace

asio::awaitable<void> Server::Impl::accept_loop() {
  asio::steady_timer backoff(control);
  while (!stopping) {
    asio::any_io_executor strand = asio::make_strand(ioc);
    auto [ec, socket] = co_await acceptor.async_accept(strand, kTuple);
    if (stopping || ec == asio::error::operation_aborted) break;
    if (ec) {
      // E.g. out of file descriptors: wait instead of spinning.
      pipeline.log(format_event_line("warn", "accept failed", {}, ec.message()));
      backoff.expires_after(50ms);
      co_await backoff.async_wait(kTuple);
      continue;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);

    std::string peer;
    {
      beast::error_code peer_ec;
      auto endpoint = socket.remote_endpoint(peer_ec);
      if (!peer_ec) peer = endpoint.address().to_string();
    }
    std::shared_ptr<Connection> connection;
    std::string refusal;
    {
      std::lock_guard lock(mu);
      const std::size_t mine = per_client.contains(peer) ? per_client[peer] : 0;
      if (connections.size() >= options.max_connections) {
        refusal = "The server has too many open connections; retry shortly.";
      } else if (options.max_connections_per_client && !peer.empty() &&
                 mine >= options.max_connections_per_client) {
        refusal = "This address has " + std::to_string(mine) +
                  " connections open, the most one client may; reuse them or retry shortly.";
      } else {
        connection = std::make_shared<Connection>(std::move(socket), peer);
        connections.insert(connection);
        ++per_client[peer];
      }
    }
    if (!connection) {
      auto executor = socket.get_executor();
      asio::co_spawn(executor, refuse(std::move(socket), std::move(refusal)),
                     log_failure("refuse failed"));
      continue;
    }
    auto executor = connection->stream.get_executor();
    asio::co_spawn(executor, session(std::move(connection)), log_failure("session failed"));
  }
}

asio::awaitable<void> Server::Impl::refuse(tcp::socket socket, std::string detail) {
  beast::tcp_stream stream(std::move(socket));
  Response response = pipeline.reject(503, "server-busy", "Service unavailable", detail, {}, {},
                                      peer_address(stream));
  response.headers.set("Retry-After", "1");
  // Refused connections are not counted, so they get only a short time.
  co_await send_and_close(stream, std::move(response), kLinger);
}

std::optional<Response> Server::Impl::protocol_error(
    const beast::error_code& ec, const bhttp::request_parser<bhttp::string_body>& parser,
    const std::string& peer) {
  std::string_view method, target;
  if (parser.is_header_done()) {
    method = parser.get().method_string();
    target = parser.get().target();
  }
  if (ec == bhttp::error::header_limit) {
    return pipeline.reject(
        431, "header-too-large", "Request header fields too large",
        "The request header exceeds " + std::to_string(options.header_limit) + " bytes.", method,
        target, peer);
  }
  if (ec == bhttp::error::body_limit) {
    return pipeline.reject(
        413, "body-too-large", "Content too large",
        "The request body exceeds " + std::to_string(options.body_limit) + " bytes.", method,
        target, peer);
  }
  // The client went away or was too slow: nobody to answer.
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return {};
  if (is_http_parse_error(ec)) {
    return pipeline.reject(400, "malformed-request", "Malformed request",
                           "The request is not valid HTTP/1.1 (" + ec.message() + ").", method,
                           target, peer);
  }
  return {};
}

asio::awaitable<void> Server::Impl::session(std::shared_ptr<Connection> connection) {
  struct Unregister {
    Impl& impl;
    const std::shared_ptr<Connection>& connection;
    ~Unregister() { impl.forget(connection); }
  } unregister{*this, connection};

  beast::tcp_stream& stream = connection->stream;
  const std::string peer = peer_address(stream);
  beast::flat_buffer buffer;
  bool first = true;

  while (!stopping) {
    // Wait for the first byte of the next request; a connection that is idle
    // here is the one stop() may close at once.
    if (buffer.size() == 0) {
      connection->idle = true;
      if (stopping) break;
      stream.expires_after(first ? options.read_timeout : options.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
      connection->idle = false;
      if (ec) break;
      buffer.commit(n);
    }
    first = false;

    // One deadline for the whole request, header and body.
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(options.body_limit);
    stream.expires_after(options.read_timeout);
    auto [header_ec, header_n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
    beast::error_code ec = header_ec;
    if (!ec && !parser.is_done()) {
      if (iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        auto [continue_ec, n] = co_await asio::async_write(stream, asio::buffer(kContinue), kTuple);
        ec = continue_ec;
      }
      if (!ec) {
        auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        ec = body_ec;
      }
    }
    if (ec) {
      if (auto reply = protocol_error(ec, parser, peer)) {
        co_await send_and_close(stream, std::move(*reply), options.write_timeout);
      }
      break;
    }
    stream.expires_never();

    bhttp::request<bhttp::string_body>& message = parser.get();
    IncomingRequest incoming;
    incoming.method = message.method_string();
    incoming.target = message.target();
    for (const auto& field : message) {
      incoming.headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    incoming.body = std::move(message.body());
    incoming.peer_address = peer;
    Response response;
    if (runs_inline(incoming.target)) {
      response = pipeline.handle(std::move(incoming));
    } else {
      auto& pool = reads_only(message.method()) ? workers : writers;
      response = co_await asio::co_spawn(
          pool,
          [this, &incoming]() -> asio::awaitable<Response> {
            co_return pipeline.handle(std::move(incoming));
          },
          asio::use_awaitable);
    }

    const bool keep_alive = message.keep_alive() && !stopping;
    auto out = to_beast(response, message.version(), keep_alive);
    stream.expires_after(options.write_timeout);
    beast::error_code write_ec;
    if (message.method() == bhttp::verb::head) {
      bhttp::response_serializer<bhttp::string_body> serializer(out);
      std::tie(write_ec, std::ignore) =
          co_await bhttp::async_write_header(stream, serializer, kTuple);
    } else {
      std::tie(write_ec, std::ignore) = co_await bhttp::async_write(stream, out, kTuple);
    }
    if (write_ec) break;
    if (!keep_alive) {
      // Nothing unread: a plain close delivers the response. Otherwise linger,
      // or the unread bytes would make the kernel reset the connection.
      if (buffer.size() > 0) co_await close_gracefully(stream);
      break;
    }
  }
  stream.close();
}

asio::awaitable<void> Server::Impl::drain() {
  stopping = true;
  asio::post(control, [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    signals.clear(ignored);
  });
  for (const auto& c : snapshot()) {
    asio::post(c->stream.get_executor(), [c] {
      if (c->idle) c->stream.cancel();
    });
  }

  asio::steady_timer timer(ioc);
  const auto deadline = std::chrono::steady_clock::now() + options.shutdown_timeout;
  while (connection_count() > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(5ms);
    co_await timer.async_wait(kTuple);
  }
  if (const std::size_t left = connection_count(); left > 0) {
    pipeline.log(format_event_line("warn", "shutdown deadline passed; closing connections", {},
                                   std::to_string(left) + " open"));
    for (const auto& c : snapshot()) {
      asio::post(c->stream.get_executor(), [c] { c->stream.close(); });
    }
    // A handler still running finishes on its own; its connection then ends.
    while (connection_count() > 0) {
      timer.expires_after(5ms);
      co_await timer.async_wait(kTuple);
    }
  }
}

Server::Server(ServerOptions options, Router router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), metrics)) {}

Server::~Server() = default;

Status Server::listen() {
  Impl& s = *impl_;
  const std::string where = s.options.address + ":" + std::to_string(s.options.port);
  auto fail = [&](const beast::error_code& ec) -> Status {
    return Error{ErrorCode::io, "listen", "cannot listen on " + where + ": " + ec.message()};
  };
  beast::error_code ec;
  const auto address = asio::ip::make_address(s.options.address, ec);
  if (ec) return fail(ec);
  const tcp::endpoint endpoint(address, s.options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail(ec);
  s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail(ec);
  s.acceptor.bind(endpoint, ec);
  if (ec) return fail(ec);
  s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail(ec);
  s.port = s.acceptor.local_endpoint(ec).port();
  if (ec) return fail(ec);
  s.listening = true;
  return Ok{};
}

std::uint16_t Server::port() const {
  return impl_->port;
}

void Server::run() {
  Impl& s = *impl_;
  if (!s.listening) {
    s.pipeline.log(format_event_line("error", "run() without a successful listen()"));
    return;
  }
  asio::co_spawn(s.control, s.accept_loop(), s.log_failure("accept loop failed"));
  auto work = [&s] {
    for (;;) {
      try {
        s.ioc.run();
        return;
      } catch (const std::exception& e) {
        s.pipeline.log(format_event_line("error", "io thread", {}, e.what()));
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < s.thread_count(); ++i) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

void Server::stop() {
  Impl& s = *impl_;
  if (s.stop_requested.exchange(true)) return;
  s.stopping = true;
  asio::co_spawn(s.ioc, s.drain(), s.log_failure("shutdown failed"));
}

void Server::stop_on_signals() {
  Impl& s = *impl_;
  beast::error_code ec;
  s.signals.add(SIGINT, ec);
  s.signals.add(SIGTERM, ec);
  s.signals.async_wait([this](const beast::error_code& wait_ec, int) {
    if (!wait_ec) stop();
  });
}

}  // namespace okr::http
