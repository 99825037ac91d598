// Outgoing e-mail for the outbox sender and `okr notify test --email`: one message over
// SMTP with libcurl (STARTTLS or SMTPS, authentication), as multipart/alternative
// plain text and HTML, with List-Unsubscribe and its one-click POST (RFC 8058).
#pragma once

#include "app/mail.h"
#include "app/outbox_sender.h"

namespace okr::http {

// The headers a message carries besides the MIME ones, in order ("Subject" encoded as
// RFC 2047 words when it is not ASCII; no line breaks from any value).
std::vector<std::string> mail_headers(const app::RenderedMail& m, Instant date);

// Sends `m` and returns the server's last reply code and, when it failed, why (empty
// error: accepted). Bounded in time. Thread-safe.
app::OutgoingAnswer send_mail(const app::MailConfig& config, const app::RenderedMail& m);

}  // namespace okr::http
