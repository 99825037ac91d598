// The organisation's settings, as text by name.
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

std::optional<std::string> SqlTransaction::setting(const std::string& name) {
  if (!settings_) {
    std::map<std::string, std::string> all;
    auto st = prepare("SELECT key, value FROM settings");
    while (st.step()) all.emplace(st.text(0), st.text(1));
    settings_ = std::move(all);
  }
  auto it = settings_->find(name);
  if (it == settings_->end()) return std::nullopt;
  return it->second;
}

void SqlTransaction::put_setting(const std::string& name, const std::string& value) {
  prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind_all(name, value)
      .run();
  if (settings_) (*settings_)[name] = value;
}

}  // namespace okr::sql
