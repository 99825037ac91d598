// The import step, for use cases that import inside a larger transaction (the demo).
#pragma once

#include "app/app.h"

namespace okr::app {

// Imports `file` within `tx`; throws Failure (see run.h) on the first error.
ImportSummary import_into(Transaction& tx, const formats::OkrFile& file, const Actor& actor,
                          Instant now, const Progress& progress = nullptr);

}  // namespace okr::app
