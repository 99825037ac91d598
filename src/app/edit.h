// Small helpers shared by the editing use cases.
#pragma once

#include <optional>
#include <string>

#include "app/app.h"
#include "app/run.h"

namespace okr::app {

// Fails with a stale-version conflict unless the caller edited the stored version
// (or named kAnyVersion).
inline void check_version(std::int64_t stored, std::int64_t given, const std::string& what) {
  if (stored != given && given != kAnyVersion)
    fail(Error::conflict("version", what + " was changed by someone else (version " +
                                        std::to_string(stored) + ", not " + std::to_string(given) +
                                        "); reload and try again"));
}

// Assigns a field of a partial update when it is present.
template <class T, class V>
void set(T& target, const std::optional<V>& value) {
  if (value) target = *value;
}

inline void require_admin(const Actor& actor, const std::string& what) {
  if (!actor.admin) fail(Error::forbidden("", "only an administrator may " + what));
}

}  // namespace okr::app
