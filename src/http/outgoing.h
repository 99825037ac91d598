// Outgoing HTTP for the outbox sender and `okr notify test`: one POST with libcurl,
// https (http only to this machine), no redirects, bounded in time and in the answer
// it reads.
#pragma once

#include "app/outbox_sender.h"

namespace okr::http {

// Sends `request` as a POST and returns the status, or 0 and why when no answer came.
// Thread-safe.
app::OutgoingAnswer post_outgoing(const app::OutgoingRequest& request);

}  // namespace okr::http
