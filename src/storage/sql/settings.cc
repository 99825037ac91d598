// The organisation's settings, as text by name.
#include <boost/json.hpp>

#include "storage/sql/sql_transaction.h"

namespace okr::sql {

std::shared_ptr<const SharedSettings::Values> SharedSettings::at(std::uint64_t generation) const {
  std::lock_guard lock(mu_);
  return generation == generation_ ? values_ : nullptr;
}

void SharedSettings::keep(std::uint64_t generation, std::shared_ptr<const Values> values) {
  std::lock_guard lock(mu_);
  if (values_ && generation < generation_) return;  // a newer generation's are kept
  generation_ = generation;
  values_ = std::move(values);
}

std::optional<std::string> SqlTransaction::setting(const std::string& name) {
  if (!settings_) {
    if (auto kept =
            shared_settings_ && take_settings_ ? shared_settings_->at(generation_) : nullptr) {
      settings_ = *kept;
    } else {
      std::map<std::string, std::string> all;
      auto st = prepare("SELECT key, value FROM settings");
      while (st.step()) all.emplace(st.text(0), st.text(1));
      settings_ = std::move(all);
      if (shared_settings_)
        shared_settings_->keep(generation_,
                               std::make_shared<const SharedSettings::Values>(*settings_));
    }
  }
  auto it = settings_->find(name);
  if (it == settings_->end()) return std::nullopt;
  return it->second;
}

void SqlTransaction::keep_settings(const std::string& json) {
  std::map<std::string, std::string> all;
  if (!json.empty()) {  // no setting at all aggregates to NULL
    boost::system::error_code ec;
    auto v = boost::json::parse(json, ec);
    if (ec || !v.is_object())
      throw StoreError(ErrorCode::internal, "the settings read along did not parse");
    for (const auto& [key, value] : v.as_object())
      if (value.is_string()) all.emplace(std::string(key), std::string(value.as_string()));
  }
  settings_ = std::move(all);
  if (shared_settings_)
    shared_settings_->keep(generation_, std::make_shared<const SharedSettings::Values>(*settings_));
}

void SqlTransaction::put_setting(const std::string& name, const std::string& value) {
  if (!settings_) (void)setting(name);  // the rest as they were, before this write
  prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind_all(name, value)
      .run();
  (*settings_)[name] = value;
}

}  // namespace okr::sql
