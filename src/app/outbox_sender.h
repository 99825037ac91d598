// The one sender of the outbox: a thread of `okr serve` that delivers the messages
// app/outbox.h wrote, at least once, retrying with exponential backoff.
//
// Several servers may share a database: each runs a sender, and only the one holding
// the "outbox_sender" lease (a row with an expiry, renewed before every attempt) sends,
// so each message goes out once while that server lives; when it dies, another takes
// the lease over once it expires and sends what was left. A message stays in the
// outbox until it is delivered, so a server killed between the write and the delivery
// loses nothing.
//
// The network is behind a Poster (http/outgoing.h gives the libcurl one), so this file
// does no I/O of its own beyond the store.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/app.h"
#include "app/mail.h"
#include "core/outbox.h"

namespace okr::app {

struct OutgoingRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// An answer: the status (0 when none came) and, when it failed, why.
struct OutgoingAnswer {
  int status = 0;
  std::string error;
};

// Sends one request and waits for its answer, within a bounded time.
using Poster = std::function<OutgoingAnswer(const OutgoingRequest&)>;

// Sends one e-mail through the mail server: the server's last reply code (250 when it
// took the message) and, when it failed, why; a 5xx code is a refusal not worth
// retrying.
using Mailer = std::function<OutgoingAnswer(const MailConfig&, const RenderedMail&)>;

// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>".
std::string webhook_signature(const std::string& secret, std::int64_t timestamp,
                              const std::string& body);

// The request for one message: JSON body, "Okr-Delivery" (the event id), "Okr-Event" and,
// for a webhook, "Okr-Signature".
OutgoingRequest request_for(const Endpoint& e, const OutboxMessage& m, std::int64_t timestamp);

struct SenderOptions {
  RetryPolicy retry;
  std::chrono::milliseconds poll{1000};    // how often the outbox is looked at
  std::chrono::milliseconds lease{30000};  // longer than one request may take
  int batch = 50;
  // Delivered and given-up messages are kept this long as the delivery log.
  std::chrono::hours keep{24 * 30};
  // How often check-in reminders and weekly digests are looked for (each look that
  // finds someone due is one write, which makes the shared views be computed again).
  std::chrono::milliseconds schedule{60 * 60'000};
  // The first look after the server starts (a restarted server does not wait a whole
  // schedule); never later than `schedule`.
  std::chrono::milliseconds first_schedule{5000};
};

// The options with what the environment changes (for tests and operators):
// OKR_OUTBOX_POLL_MS, OKR_OUTBOX_RETRY_BASE_MS, OKR_OUTBOX_RETRY_MAX_MS,
// OKR_OUTBOX_RETRY_WINDOW_MS, OKR_OUTBOX_MAX_FAILURES, OKR_OUTBOX_LEASE_MS,
// OKR_MAIL_SCHEDULE_MS, OKR_MAIL_FIRST_SCHEDULE_MS.
SenderOptions sender_options_from_environment();

class OutboxSender {
 public:
  // Without a mailer, e-mail waits in the queue for a server that has one.
  OutboxSender(App& app, Poster poster, SenderOptions options = {}, Mailer mailer = nullptr);
  ~OutboxSender();  // stops
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  // Starts the thread; stop() ends it after the request under way and gives the lease up.
  void start();
  void stop();

  // One round: takes the lease and sends what is due. How many messages were attempted
  // (0 also when another server holds the lease). For tests and the thread.
  int send_due();
  // The same for the mail queue.
  int send_due_mail();
  // Queues what is due on its own (check-in reminders, weekly digests), holding the
  // lease. How many e-mails and notifications were queued.
  int run_schedule();

 private:
  void loop();
  bool hold_lease();
  void record(const OutboxMessage& m, const OutgoingAnswer& answer);
  void record_mail(const MailMessage& m, const OutgoingAnswer& answer);

  App& app_;
  Poster poster_;
  Mailer mailer_;
  SenderOptions options_;
  std::string holder_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
};

}  // namespace okr::app
