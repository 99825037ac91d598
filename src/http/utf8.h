// UTF-8 validation for the HTTP layer: the one implementation lives in core/text.h,
// where every door that stores text uses it too.
#pragma once

#include "core/text.h"

namespace okr::http {

using okr::find_invalid_utf8;
using okr::is_valid_utf8;

}  // namespace okr::http
