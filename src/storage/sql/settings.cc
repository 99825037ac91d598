// The organisation's settings, as text by name.
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

std::optional<std::string> SqlTransaction::setting(const std::string& name) {
  auto st = prepare("SELECT value FROM settings WHERE key = ?");
  st.bind(name);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void SqlTransaction::put_setting(const std::string& name, const std::string& value) {
  prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind_all(name, value)
      .run();
}

}  // namespace okr::sql
