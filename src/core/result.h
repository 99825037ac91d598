// Errors as values. A use case returns Result<T>: either a value or an Error
// that names what is wrong (the field and the rule) in words a user can act on.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace okr {

// What kind of failure, so that interfaces can map it (CLI exit status, HTTP status).
enum class ErrorCode {
  invalid,    // the input breaks a rule; `field` names the offending field
  not_found,  // a referenced thing does not exist
  conflict,   // a unique key is taken, or a stale version was given
  forbidden,  // the actor's role does not allow it
  unauthenticated,
  io,           // the file or database could not be read or written
  busy,         // the database is held by another writer for too long; trying again later works
  unavailable,  // the database cannot take writes (its disk is full, its file is read-only);
                // reads still work, and writes do again once an operator fixes it
  internal,
};

struct Error {
  ErrorCode code = ErrorCode::invalid;
  std::string field;    // dotted path of the offending field, or empty
  std::string message;  // one sentence: what is wrong and which rule
  int line = 0;         // 1-based source position when the input came from a file
  int column = 0;
  // What went wrong inside (a database driver's message, a server's address): for the
  // server's log and the local operator, never for a client.
  std::string internal;

  static Error invalid(std::string field, std::string message) {
    return {ErrorCode::invalid, std::move(field), std::move(message)};
  }
  static Error not_found(std::string field, std::string message) {
    return {ErrorCode::not_found, std::move(field), std::move(message)};
  }
  static Error conflict(std::string field, std::string message) {
    return {ErrorCode::conflict, std::move(field), std::move(message)};
  }
  static Error forbidden(std::string field, std::string message) {
    return {ErrorCode::forbidden, std::move(field), std::move(message)};
  }
};

// Either a T or an Error. Deliberately small: ok(), value(), error(), operator*/->.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;

}  // namespace okr
