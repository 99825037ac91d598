// Headers: the header fields of an HTTP message, in order, with case-insensitive
// lookup by name (RFC 9110 §5.1).
//
// A plain value type: copyable, movable, and not synchronised — a Headers object
// belongs to one request or response and is used by one thread at a time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace okr::http {

// ASCII case-insensitive comparison, for header names and tokens.
bool iequals(std::string_view a, std::string_view b);

class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // Appends a field. Several fields may share a name.
  void add(std::string name, std::string value);

  // Replaces every field named `name` with one field holding `value`.
  void set(std::string_view name, std::string value);

  // Adds the field only if no field named `name` exists yet.
  void set_default(std::string_view name, std::string value);

  // Removes every field named `name`.
  void erase(std::string_view name);

  // The value of the first field named `name`, or nullopt. The view is valid
  // until this object is next modified.
  std::optional<std::string_view> get(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }

  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace okr::http
