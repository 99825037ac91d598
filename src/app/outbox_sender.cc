#include "app/outbox_sender.h"

#include <unistd.h>
#include <cstdlib>
#include <string_view>

#include "app/notifications.h"
#include "app/outbox.h"
#include "app/run.h"
#include "app/secrets.h"
#include "formats/json_model.h"

namespace okr::app {
namespace {

constexpr const char* kLease = "outbox_sender";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void from_env(const char* name, std::chrono::milliseconds& target) {
  if (const char* v = std::getenv(name); v && *v) {
    char* end = nullptr;
    long long n = std::strtoll(v, &end, 10);
    if (end && *end == '\0' && n > 0) target = std::chrono::milliseconds(n);
  }
}

// An error as the delivery log shows it: short, one line.
std::string short_error(std::string text) {
  for (auto& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  if (text.size() > 300) text = text.substr(0, 300);
  return text;
}

}  // namespace

std::string webhook_signature(const std::string& secret, std::int64_t timestamp,
                              const std::string& body) {
  const std::string t = std::to_string(timestamp);
  return "t=" + t + ",v1=" + hmac_sha256_hex(secret, t + "." + body);
}

OutgoingRequest request_for(const Endpoint& e, const OutboxMessage& m, std::int64_t timestamp) {
  OutgoingRequest r;
  r.url = e.url;
  r.body = m.body;
  r.headers = {
      {"Content-Type", "application/json"}, {"Okr-Delivery", m.event_id}, {"Okr-Event", m.event}};
  if (e.kind == EndpointKind::webhook && !e.secret.empty())
    r.headers.emplace_back("Okr-Signature", webhook_signature(e.secret, timestamp, m.body));
  return r;
}

SenderOptions sender_options_from_environment() {
  SenderOptions o;
  from_env("OKR_OUTBOX_POLL_MS", o.poll);
  from_env("OKR_OUTBOX_RETRY_BASE_MS", o.retry.base);
  from_env("OKR_OUTBOX_RETRY_MAX_MS", o.retry.max_delay);
  from_env("OKR_OUTBOX_RETRY_WINDOW_MS", o.retry.window);
  from_env("OKR_OUTBOX_LEASE_MS", o.lease);
  from_env("OKR_MAIL_SCHEDULE_MS", o.schedule);
  from_env("OKR_MAIL_FIRST_SCHEDULE_MS", o.first_schedule);
  std::chrono::milliseconds failures{o.retry.max_consecutive_failures};
  from_env("OKR_OUTBOX_MAX_FAILURES", failures);
  o.retry.max_consecutive_failures = static_cast<int>(failures.count());
  return o;
}

OutboxSender::OutboxSender(App& app, Poster poster, SenderOptions options, Mailer mailer)
    : app_(app),
      poster_(std::move(poster)),
      mailer_(std::move(mailer)),
      options_(options),
      holder_(new_random_id("sender-" + std::to_string(::getpid()) + "-")) {}

OutboxSender::~OutboxSender() {
  stop();
}

void OutboxSender::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void OutboxSender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  (void)run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    tx.release_lease(kLease, holder_);
    return 0;
  });
}

void OutboxSender::loop() {
  auto last_prune = std::chrono::steady_clock::now();  // the first after an hour
  // The first look for reminders and digests a little after start.
  auto last_schedule = std::chrono::steady_clock::now() - options_.schedule +
                       std::min(options_.schedule, options_.first_schedule);
  while (!stopping_) {
    try {
      send_due();
      send_due_mail();
      if (std::chrono::steady_clock::now() - last_schedule >= options_.schedule) {
        last_schedule = std::chrono::steady_clock::now();
        if (run_schedule() > 0) send_due_mail();
      }
      if (std::chrono::steady_clock::now() - last_prune > std::chrono::hours(1)) {
        last_prune = std::chrono::steady_clock::now();
        const Instant before = app_.now() - options_.keep;
        (void)run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
          tx.forget_outbox_messages(before);
          tx.forget_mail(before);
          return 0;
        });
      }
    } catch (const std::exception&) {
      // A store that is away (a restarting database) is tried again next round.
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stopping_.load(); });
  }
}

bool OutboxSender::hold_lease() {
  const auto now = now_ms();
  auto held = run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    return tx.take_lease(kLease, holder_, now, now + options_.lease.count());
  });
  return held && *held;
}

int OutboxSender::send_due() {
  // An idle server only reads: the lease is a write, and every write makes the shared
  // views (app/views.h) be computed again.
  auto next =
      run(app_.store(), Store::Mode::read, [&](Transaction& tx) { return tx.next_outbox_due(); });
  if (!next || !*next || **next > now_ms()) return 0;
  if (!hold_lease()) return 0;
  auto due = run(app_.store(), Store::Mode::read,
                 [&](Transaction& tx) { return tx.due_outbox_messages(now_ms(), options_.batch); });
  if (!due) return 0;
  int sent = 0;
  for (const auto& m : *due) {
    if (stopping_) break;
    // Renewed before each request, which takes less than the lease, so no other
    // server sends while this one waits for an answer.
    if (!hold_lease()) break;
    auto current = run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
      std::optional<std::pair<Endpoint, OutboxMessage>> out;
      auto msg = tx.find_outbox_message(m.id);
      if (!msg || msg->delivered_at || msg->given_up) return out;
      auto e = tx.find_endpoint(msg->endpoint_id);
      if (!e || e->disabled_at) return out;
      out.emplace(std::move(*e), std::move(*msg));
      return out;
    });
    if (!current || !*current) continue;
    const auto& [endpoint, message] = **current;
    OutgoingAnswer answer;
    try {
      answer = poster_(request_for(endpoint, message, now_ms() / 1000));
    } catch (const std::exception& e) {
      answer = {0, e.what()};
    }
    record(message, answer);
    ++sent;
  }
  return sent;
}

int OutboxSender::send_due_mail() {
  if (!mailer_) return 0;
  auto next =
      run(app_.store(), Store::Mode::read, [&](Transaction& tx) { return tx.next_mail_due(); });
  if (!next || !*next || **next > now_ms()) return 0;
  auto config = mail_config(app_);
  if (!config || !*config) return 0;  // mail is off: what is queued waits
  auto key = unsubscribe_key(app_);
  if (!key) return 0;
  if (!hold_lease()) return 0;
  auto due = run(app_.store(), Store::Mode::read,
                 [&](Transaction& tx) { return tx.due_mail(now_ms(), options_.batch); });
  if (!due) return 0;
  int sent = 0;
  for (const auto& m : *due) {
    if (stopping_) break;
    if (!hold_lease()) break;
    auto current =
        run(app_.store(), Store::Mode::read, [&](Transaction& tx) { return tx.find_mail(m.id); });
    if (!current || !*current || (*current)->sent_at || (*current)->given_up) continue;
    OutgoingAnswer answer;
    try {
      answer = mailer_(**config, render_mail(**config, *key, **current));
    } catch (const std::exception& e) {
      answer = {0, e.what()};
    }
    record_mail(**current, answer);
    ++sent;
  }
  return sent;
}

int OutboxSender::run_schedule() {
  if (!hold_lease()) return 0;
  int queued = 0;
  if (auto r = queue_check_in_reminders(app_, app_.now())) queued += *r;
  if (auto d = queue_digests(app_, app_.now(), false)) queued += *d;
  if (auto c = queue_chat_digests(app_, app_.now(), false)) queued += *c;
  return queued;
}

void OutboxSender::record_mail(const MailMessage& sent, const OutgoingAnswer& answer) {
  (void)run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    auto m = tx.find_mail(sent.id);
    if (!m) return 0;
    m->attempts += 1;
    if (answer.error.empty()) {
      m->sent_at = app_.now();
      m->last_error.clear();
      tx.update_mail(*m);
      return 0;
    }
    m->last_error = short_error(answer.error);
    const auto age =
        std::chrono::duration_cast<std::chrono::milliseconds>(app_.now() - m->created_at);
    // A refusal (5xx: no such mailbox, not allowed) will not change by trying again.
    if (age >= options_.retry.window || (answer.status >= 500 && answer.status < 600))
      m->given_up = true;
    else
      m->next_attempt_ms = now_ms() + retry_delay(options_.retry, m->attempts).count();
    tx.update_mail(*m);
    return 0;
  });
}

void OutboxSender::record(const OutboxMessage& sent, const OutgoingAnswer& answer) {
  (void)run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    auto m = tx.find_outbox_message(sent.id);
    if (!m) return 0;  // its endpoint was removed meanwhile
    auto e = tx.find_endpoint(m->endpoint_id);
    if (!e) return 0;
    const Instant now = app_.now();
    const auto ms = now_ms();
    m->attempts += 1;
    m->last_attempt_at = now;
    m->response_code = answer.status ? std::optional<int>(answer.status) : std::nullopt;
    if (delivered_status(answer.status)) {
      m->delivered_at = now;
      m->last_error.clear();
      tx.update_outbox_message(*m);
      if (e->failures != 0) {
        e->failures = 0;
        tx.update_endpoint_health(*e);
      }
      return 0;
    }
    m->last_error = short_error(answer.error.empty() ? "answered " + std::to_string(answer.status)
                                                     : answer.error);
    const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(now - m->created_at);
    std::string disable;
    if (age >= options_.retry.window) {
      m->given_up = true;
      disable = "no delivery succeeded for " +
                std::to_string(std::chrono::duration_cast<std::chrono::minutes>(age).count()) +
                " minutes";
    } else {
      m->next_attempt_ms = ms + retry_delay(options_.retry, m->attempts).count();
    }
    tx.update_outbox_message(*m);
    e->failures += 1;
    if (disable.empty() && e->failures >= options_.retry.max_consecutive_failures)
      disable = std::to_string(e->failures) + " deliveries failed in a row";
    if (!disable.empty() && !e->disabled_at) {
      const std::string before = formats::to_text(boost::json::object{{"disabled", false}});
      e->disabled_at = now;
      e->disabled_reason = disable + " (last: " + m->last_error + ")";
      tx.add_audit_event({0, now, std::nullopt, "disable",
                          e->kind == EndpointKind::webhook ? "webhook" : "chat_channel", e->id,
                          before,
                          formats::to_text(boost::json::object{{"disabled", true},
                                                               {"reason", e->disabled_reason}})});
      if (e->owner_id) {
        Notification n;
        n.user_id = *e->owner_id;
        n.kind = NotificationKind::endpoint_disabled;
        n.endpoint_id = e->id;
        n.excerpt = excerpt_of((e->kind == EndpointKind::webhook
                                    ? "Webhook " + e->url
                                    : "Chat channel " + std::string(to_string(e->kind))) +
                               " was disabled: " + e->disabled_reason);
        n.at = now;
        notify(tx, n);
      }
    }
    tx.update_endpoint_health(*e);
    return 0;
  });
}

}  // namespace okr::app
