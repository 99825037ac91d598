// Recording changes in the audit trail: who, what, before and after.
#pragma once

#include <optional>
#include <string>

#include "app/app.h"
#include "formats/json_model.h"

namespace okr::app {

template <class T>
void audit(Transaction& tx, const Actor& actor, Instant at, std::string action,
           std::string entity_type, Id id, const std::optional<T>& before,
           const std::optional<T>& after) {
  AuditEvent e;
  e.at = at;
  e.actor_id = actor.user_id;
  e.action = std::move(action);
  e.entity_type = std::move(entity_type);
  e.entity_id = id;
  if (before) e.before = formats::to_text(formats::to_json(*before));
  if (after) e.after = formats::to_text(formats::to_json(*after));
  tx.add_audit_event(e);
}

}  // namespace okr::app
