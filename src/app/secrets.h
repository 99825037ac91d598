// Passwords and bearer secrets. Passwords are hashed with Argon2id (memory-hard);
// session and API tokens are 256-bit random values stored only as a BLAKE2b hash.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace okr::app {

// An encoded Argon2id hash ("$argon2id$v=19$...") of `password`.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& encoded_hash, std::string_view password);

// A new random secret, 256 bits, URL-safe text with a prefix naming its kind ("okr_s_", "okr_t_").
std::string new_secret(std::string_view prefix);
// The hex BLAKE2b-256 hash under which a secret is stored and looked up.
std::string secret_hash(std::string_view secret);

// The hex HMAC-SHA256 of `message` under `key` (webhook signatures).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// A new random identifier, 128 bits as hex after `prefix` ("evt_…").
std::string new_random_id(std::string_view prefix);

// Compares in constant time.
bool secrets_equal(std::string_view a, std::string_view b);

}  // namespace okr::app
