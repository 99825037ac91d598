#include "storage/sqlite/migrations.h"

#include <array>

namespace okr::sqlite {
namespace {

// Version 1: the whole domain. Times are ISO-8601 UTC text ("2026-10-01T09:30:00Z"),
// dates "YYYY-MM-DD"; both sort correctly as text.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL DEFAULT '',
  admin         INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
  password_hash TEXT,
  created_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE teams (
  id        INTEGER PRIMARY KEY,
  key       TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  function  TEXT NOT NULL DEFAULT '',
  parent_id INTEGER REFERENCES teams(id) ON DELETE RESTRICT,
  lead_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  version   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX teams_parent ON teams(parent_id);

CREATE TABLE memberships (
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role    TEXT NOT NULL CHECK (role IN ('lead', 'member', 'viewer')),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE cycles (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('planning', 'active', 'grading', 'closed')),
  version    INTEGER NOT NULL DEFAULT 1,
  CHECK (end_date >= start_date)
);

CREATE TABLE kpis (
  id           INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  team_id      INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  unit         TEXT NOT NULL DEFAULT '',
  healthy_low  REAL,
  healthy_high REAL,
  warning_low  REAL,
  warning_high REAL,
  version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE measurements (
  id     INTEGER PRIMARY KEY,
  kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
  value  REAL NOT NULL,
  at     TEXT NOT NULL
);
CREATE INDEX measurements_kpi_at ON measurements(kpi_id, at);

CREATE TABLE objectives (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  cycle_id    INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
  team_id     INTEGER NOT NULL REFERENCES teams(id) ON DELETE RESTRICT,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL CHECK (kind IN ('aspirational', 'committed')),
  owner_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  parent_id   INTEGER REFERENCES objectives(id) ON DELETE SET NULL,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX objectives_cycle_team ON objectives(cycle_id, team_id);
CREATE INDEX objectives_team ON objectives(team_id);
CREATE INDEX objectives_parent ON objectives(parent_id);
CREATE INDEX objectives_owner ON objectives(owner_id);

CREATE TABLE objective_contributors (
  objective_id INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
  team_id      INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  PRIMARY KEY (objective_id, team_id)
);
CREATE INDEX objective_contributors_team ON objective_contributors(team_id);

CREATE TABLE key_results (
  id           INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  objective_id INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  metric       TEXT NOT NULL
               CHECK (metric IN ('number', 'percent', 'currency', 'boolean', 'milestone', 'range')),
  unit         TEXT NOT NULL DEFAULT '',
  start_value  REAL NOT NULL,
  target_value REAL NOT NULL,
  range_low    REAL NOT NULL DEFAULT 0,
  range_high   REAL NOT NULL DEFAULT 0,
  tolerance    REAL NOT NULL DEFAULT 0,
  weight       REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
  owner_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  kpi_id       INTEGER REFERENCES kpis(id) ON DELETE SET NULL,
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX key_results_objective ON key_results(objective_id);
CREATE INDEX key_results_owner ON key_results(owner_id);
CREATE INDEX key_results_kpi ON key_results(kpi_id);

CREATE TABLE check_ins (
  id            INTEGER PRIMARY KEY,
  key_result_id INTEGER NOT NULL REFERENCES key_results(id) ON DELETE CASCADE,
  value         REAL NOT NULL,
  confidence    REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  note          TEXT NOT NULL DEFAULT '',
  author_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  at            TEXT NOT NULL
);
CREATE INDEX check_ins_key_result_at ON check_ins(key_result_id, at, id);

CREATE TABLE sprints (
  id         INTEGER PRIMARY KEY,
  team_id    INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  UNIQUE (team_id, name),
  CHECK (end_date >= start_date)
);

CREATE TABLE initiatives (
  id        INTEGER PRIMARY KEY,
  key       TEXT UNIQUE,
  title     TEXT NOT NULL,
  team_id   INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  sprint_id INTEGER REFERENCES sprints(id) ON DELETE SET NULL,
  url       TEXT NOT NULL DEFAULT '',
  status    TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  version   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX initiatives_team ON initiatives(team_id);
CREATE INDEX initiatives_sprint ON initiatives(sprint_id);

CREATE TABLE initiative_key_results (
  initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  key_result_id INTEGER NOT NULL REFERENCES key_results(id) ON DELETE CASCADE,
  PRIMARY KEY (initiative_id, key_result_id)
);
CREATE INDEX initiative_key_results_kr ON initiative_key_results(key_result_id);

CREATE TABLE reviews (
  id              INTEGER PRIMARY KEY,
  objective_id    INTEGER NOT NULL UNIQUE REFERENCES objectives(id) ON DELETE CASCADE,
  what_worked     TEXT NOT NULL DEFAULT '',
  what_did_not    TEXT NOT NULL DEFAULT '',
  what_we_learned TEXT NOT NULL DEFAULT '',
  reviewer_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  at              TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE score_overrides (
  review_id     INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  key_result_id INTEGER NOT NULL REFERENCES key_results(id) ON DELETE CASCADE,
  score         REAL NOT NULL CHECK (score >= 0 AND score <= 1),
  reason        TEXT NOT NULL,
  PRIMARY KEY (review_id, key_result_id)
);

CREATE TABLE audit_events (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  action      TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   INTEGER,
  before_json TEXT NOT NULL DEFAULT '',
  after_json  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_entity ON audit_events(entity_type, entity_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  UNIQUE (user_id, name)
);

CREATE TABLE sign_in_failures (
  email TEXT NOT NULL,
  at    TEXT NOT NULL
);
CREATE INDEX sign_in_failures_email_at ON sign_in_failures(email, at);
)sql";

// Version 2: a revoked token's name may be used again (unique among live tokens only).
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE api_tokens_v2 (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
INSERT INTO api_tokens_v2 SELECT id, user_id, name, token_hash, created_at, expires_at, revoked_at
  FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_v2 RENAME TO api_tokens;
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens(user_id, name) WHERE revoked_at IS NULL;
CREATE INDEX sessions_expires ON sessions(expires_at);
)sql";

// Version 3: a user account can be disabled without losing its history.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
)sql";

// Version 4: progress and grading. A check-in cadence per team (stale key
// results), the organisation's settings (its status rule), the retrospective
// of the practice per cycle and team, and who set each score override.
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE teams ADD COLUMN check_in_cadence_days INTEGER NOT NULL DEFAULT 7
  CHECK (check_in_cadence_days BETWEEN 1 AND 92);
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE retrospectives (
  id        INTEGER PRIMARY KEY,
  cycle_id  INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
  team_id   INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  problem   TEXT NOT NULL DEFAULT '',
  inputs    TEXT NOT NULL DEFAULT '',
  friction  TEXT NOT NULL DEFAULT '',
  evidence  TEXT NOT NULL DEFAULT '',
  author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  at        TEXT NOT NULL,
  version   INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX retrospectives_cycle_team ON retrospectives(cycle_id, ifnull(team_id, 0));
ALTER TABLE score_overrides ADD COLUMN set_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
UPDATE score_overrides SET set_by =
  (SELECT reviewer_id FROM reviews WHERE reviews.id = score_overrides.review_id);
)sql";

// Version 5: failed sign-ins counted in the database, so that every server on it
// throttles the same guesses (the unused sign_in_failures of version 1 goes).
constexpr const char* kSchemaV5 = R"sql(
DROP TABLE sign_in_failures;
CREATE TABLE sign_in_counts (
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL CHECK (failures > 0),
  last_failure TEXT NOT NULL
);
CREATE INDEX sign_in_counts_last ON sign_in_counts(last_failure);
)sql";

// Version 6: alignment to one key result, leading and lagging key results, key
// results scored by the objectives aligned to them, and dependencies between teams.
constexpr const char* kSchemaV6 = R"sql(
ALTER TABLE objectives ADD COLUMN parent_key_result_id INTEGER
  REFERENCES key_results(id) ON DELETE SET NULL;
CREATE INDEX objectives_parent_key_result ON objectives(parent_key_result_id)
  WHERE parent_key_result_id IS NOT NULL;
ALTER TABLE key_results ADD COLUMN indicator TEXT NOT NULL DEFAULT ''
  CHECK (indicator IN ('', 'leading', 'lagging'));
ALTER TABLE key_results ADD COLUMN driven_by_aligned INTEGER NOT NULL DEFAULT 0
  CHECK (driven_by_aligned IN (0, 1));
CREATE TABLE dependencies (
  id            INTEGER PRIMARY KEY,
  key_result_id INTEGER NOT NULL REFERENCES key_results(id) ON DELETE CASCADE,
  team_id       INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  note          TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'confirmed', 'declined')),
  answer        TEXT NOT NULL DEFAULT '',
  asked_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  asked_at      TEXT NOT NULL,
  answered_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  answered_at   TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  UNIQUE (key_result_id, team_id)
);
CREATE INDEX dependencies_team ON dependencies(team_id);
)sql";

// Version 7: one-time sign-up links (only their secrets' hashes).
constexpr const char* kSchemaV7 = R"sql(
CREATE TABLE invitations (
  secret_hash TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  invited_by  INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX invitations_user ON invitations(user_id);
)sql";

// Version 8: full-text search over teams, people, objectives and key results (FTS5),
// kept by triggers. A row's search id is its id × 4 plus its kind (0 team, 1 user,
// 2 objective, 3 key result), so each trigger finds its entry by rowid.
constexpr const char* kSchemaV8 = R"sql(
CREATE VIRTUAL TABLE search_index USING fts5(key, title, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO search_index (rowid, key, title) SELECT id * 4 + 0, key, name FROM teams;
INSERT INTO search_index (rowid, key, title) SELECT id * 4 + 1, email, name FROM users;
INSERT INTO search_index (rowid, key, title) SELECT id * 4 + 2, key, title FROM objectives;
INSERT INTO search_index (rowid, key, title) SELECT id * 4 + 3, key, title FROM key_results;
CREATE TRIGGER teams_search_insert AFTER INSERT ON teams BEGIN
  INSERT INTO search_index (rowid, key, title) VALUES (new.id * 4 + 0, new.key, new.name);
END;
CREATE TRIGGER teams_search_update AFTER UPDATE OF key, name ON teams BEGIN
  UPDATE search_index SET key = new.key, title = new.name WHERE rowid = old.id * 4 + 0;
END;
CREATE TRIGGER teams_search_delete AFTER DELETE ON teams BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 4 + 0;
END;
CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
  INSERT INTO search_index (rowid, key, title) VALUES (new.id * 4 + 1, new.email, new.name);
END;
CREATE TRIGGER users_search_update AFTER UPDATE OF email, name ON users BEGIN
  UPDATE search_index SET key = new.email, title = new.name WHERE rowid = old.id * 4 + 1;
END;
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
END;
CREATE TRIGGER objectives_search_insert AFTER INSERT ON objectives BEGIN
  INSERT INTO search_index (rowid, key, title) VALUES (new.id * 4 + 2, new.key, new.title);
END;
CREATE TRIGGER objectives_search_update AFTER UPDATE OF key, title ON objectives BEGIN
  UPDATE search_index SET key = new.key, title = new.title WHERE rowid = old.id * 4 + 2;
END;
CREATE TRIGGER objectives_search_delete AFTER DELETE ON objectives BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
END;
CREATE TRIGGER key_results_search_insert AFTER INSERT ON key_results BEGIN
  INSERT INTO search_index (rowid, key, title) VALUES (new.id * 4 + 3, new.key, new.title);
END;
CREATE TRIGGER key_results_search_update AFTER UPDATE OF key, title ON key_results BEGIN
  UPDATE search_index SET key = new.key, title = new.title WHERE rowid = old.id * 4 + 3;
END;
CREATE TRIGGER key_results_search_delete AFTER DELETE ON key_results BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
END;
)sql";

// The search index of a write of many rows is brought up to date once, as it commits
// (Transaction::defer_search_index): while search_deferred holds its row, the triggers
// only note which index rows changed in search_pending, and indexed = 1 marks those
// that may already be in the index. Both tables are empty outside such a write.
constexpr const char* kSchemaV9 = R"sql(
CREATE TABLE search_deferred (one INTEGER PRIMARY KEY CHECK (one = 1));
CREATE TABLE search_pending (id INTEGER PRIMARY KEY, indexed INTEGER NOT NULL);
DROP TRIGGER teams_search_insert;
DROP TRIGGER teams_search_update;
DROP TRIGGER teams_search_delete;
CREATE TRIGGER teams_search_insert AFTER INSERT ON teams BEGIN
  INSERT INTO search_index (rowid, key, title) SELECT new.id * 4 + 0, new.key, new.name
    WHERE NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT new.id * 4 + 0, 0
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
CREATE TRIGGER teams_search_update AFTER UPDATE OF key, name ON teams BEGIN
  UPDATE search_index SET key = new.key, title = new.name WHERE rowid = old.id * 4 + 0
    AND NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT old.id * 4 + 0, 1
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
CREATE TRIGGER teams_search_delete AFTER DELETE ON teams BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 4 + 0
    AND NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT old.id * 4 + 0, 1
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
DROP TRIGGER users_search_insert;
DROP TRIGGER users_search_update;
DROP TRIGGER users_search_delete;
CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
  INSERT INTO search_index (rowid, key, title) SELECT new.id * 4 + 1, new.email, new.name
    WHERE NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT new.id * 4 + 1, 0
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
CREATE TRIGGER users_search_update AFTER UPDATE OF email, name ON users BEGIN
  UPDATE search_index SET key = new.email, title = new.name WHERE rowid = old.id * 4 + 1
    AND NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT old.id * 4 + 1, 1
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 4 + 1
    AND NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT old.id * 4 + 1, 1
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
DROP TRIGGER objectives_search_insert;
DROP TRIGGER objectives_search_update;
DROP TRIGGER objectives_search_delete;
CREATE TRIGGER objectives_search_insert AFTER INSERT ON objectives BEGIN
  INSERT INTO search_index (rowid, key, title) SELECT new.id * 4 + 2, new.key, new.title
    WHERE NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT new.id * 4 + 2, 0
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
CREATE TRIGGER objectives_search_update AFTER UPDATE OF key, title ON objectives BEGIN
  UPDATE search_index SET key = new.key, title = new.title WHERE rowid = old.id * 4 + 2
    AND NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT old.id * 4 + 2, 1
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
CREATE TRIGGER objectives_search_delete AFTER DELETE ON objectives BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 4 + 2
    AND NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT old.id * 4 + 2, 1
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
DROP TRIGGER key_results_search_insert;
DROP TRIGGER key_results_search_update;
DROP TRIGGER key_results_search_delete;
CREATE TRIGGER key_results_search_insert AFTER INSERT ON key_results BEGIN
  INSERT INTO search_index (rowid, key, title) SELECT new.id * 4 + 3, new.key, new.title
    WHERE NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT new.id * 4 + 3, 0
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
CREATE TRIGGER key_results_search_update AFTER UPDATE OF key, title ON key_results BEGIN
  UPDATE search_index SET key = new.key, title = new.title WHERE rowid = old.id * 4 + 3
    AND NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT old.id * 4 + 3, 1
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
CREATE TRIGGER key_results_search_delete AFTER DELETE ON key_results BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 4 + 3
    AND NOT EXISTS (SELECT 1 FROM search_deferred);
  INSERT OR IGNORE INTO search_pending (id, indexed) SELECT old.id * 4 + 3, 1
    WHERE EXISTS (SELECT 1 FROM search_deferred);
END;
)sql";

// Version 10: comments on objectives, key results and check-ins; each person's inbox and
// which kinds of notification they want.
constexpr const char* kSchemaV10 = R"sql(
CREATE TABLE comments (
  id            INTEGER PRIMARY KEY,
  objective_id  INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
  key_result_id INTEGER REFERENCES key_results(id) ON DELETE CASCADE,
  check_in_id   INTEGER REFERENCES check_ins(id) ON DELETE CASCADE,
  parent_id     INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  author_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  body          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  edited_at     TEXT,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 1,
  CHECK (check_in_id IS NULL OR key_result_id IS NOT NULL)
);
CREATE INDEX comments_objective ON comments(objective_id, id);
CREATE INDEX comments_key_result ON comments(key_result_id) WHERE key_result_id IS NOT NULL;
CREATE INDEX comments_check_in ON comments(check_in_id) WHERE check_in_id IS NOT NULL;
CREATE INDEX comments_parent ON comments(parent_id) WHERE parent_id IS NOT NULL;
CREATE TABLE notifications (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  actor_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  objective_id  INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
  key_result_id INTEGER REFERENCES key_results(id) ON DELETE CASCADE,
  comment_id    INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  dependency_id INTEGER REFERENCES dependencies(id) ON DELETE CASCADE,
  excerpt       TEXT NOT NULL DEFAULT '',
  at            TEXT NOT NULL,
  read_at       TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_objective ON notifications(objective_id);
CREATE TABLE notification_preferences (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind    TEXT NOT NULL,
  channel TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);
)sql";

// Version 11: PostgreSQL's write generation became a sequence; a SQLite file counts
// its writes in memory and with PRAGMA data_version, so nothing changes here.
constexpr const char* kSchemaV11 = "SELECT 1;";

// Version 12: single sign-on with OpenID Connect: the providers, the sign-ins on their
// way through a provider (state, nonce and PKCE verifier, used once), and the people
// of each issuer linked to users by their subject.
constexpr const char* kSchemaV12 = R"sql(
CREATE TABLE sso_providers (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL,
  issuer          TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  client_secret   TEXT NOT NULL,
  allowed_domains TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL
);
CREATE TABLE sso_logins (
  state_hash    TEXT PRIMARY KEY,
  provider_id   INTEGER NOT NULL REFERENCES sso_providers(id) ON DELETE CASCADE,
  nonce         TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  browser_hash  TEXT NOT NULL,
  redirect_uri  TEXT NOT NULL,
  return_to     TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);
CREATE INDEX sso_logins_expires ON sso_logins(expires_at);
CREATE TABLE sso_identities (
  issuer      TEXT NOT NULL,
  subject     TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  provider_id INTEGER REFERENCES sso_providers(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_identities_user ON sso_identities(user_id);
)sql";

// Version 13: work that leaves the building. The endpoints events go to (webhooks and
// teams' chat channels), the outbox of messages written in the same transaction as
// the change they tell of and kept as each endpoint's delivery log, and the lease that
// lets one server at a time send. A notification may now be about an endpoint rather
// than an objective (an endpoint disabled after repeated failures).
constexpr const char* kSchemaV13 = R"sql(
CREATE TABLE endpoints (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('webhook', 'slack', 'teams', 'mattermost')),
  url             TEXT NOT NULL,
  secret          TEXT NOT NULL DEFAULT '',
  events          TEXT NOT NULL DEFAULT '',
  team_id         INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  owner_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
  description     TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  disabled_at     TEXT,
  disabled_reason TEXT NOT NULL DEFAULT '',
  failures        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX endpoints_team ON endpoints(team_id) WHERE team_id IS NOT NULL;
CREATE TABLE outbox_messages (
  id              INTEGER PRIMARY KEY,
  endpoint_id     INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
  event_id        TEXT NOT NULL,
  event           TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_attempt_at TEXT,
  response_code   INTEGER,
  last_error      TEXT NOT NULL DEFAULT '',
  delivered_at    TEXT,
  given_up        INTEGER NOT NULL DEFAULT 0 CHECK (given_up IN (0, 1)),
  redelivery_of   INTEGER
);
CREATE INDEX outbox_messages_due ON outbox_messages(next_attempt_ms)
  WHERE delivered_at IS NULL AND given_up = 0;
CREATE INDEX outbox_messages_endpoint ON outbox_messages(endpoint_id, id);
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,
  holder     TEXT NOT NULL DEFAULT '',
  expires_ms INTEGER NOT NULL DEFAULT 0
);
INSERT INTO leases (name, holder, expires_ms) VALUES ('outbox_sender', '', 0);
CREATE TABLE notifications_v13 (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  actor_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  objective_id  INTEGER REFERENCES objectives(id) ON DELETE CASCADE,
  key_result_id INTEGER REFERENCES key_results(id) ON DELETE CASCADE,
  comment_id    INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  dependency_id INTEGER REFERENCES dependencies(id) ON DELETE CASCADE,
  excerpt       TEXT NOT NULL DEFAULT '',
  at            TEXT NOT NULL,
  read_at       TEXT,
  endpoint_id   INTEGER REFERENCES endpoints(id) ON DELETE CASCADE
);
INSERT INTO notifications_v13 (id, user_id, kind, actor_id, objective_id, key_result_id,
  comment_id, dependency_id, excerpt, at, read_at)
  SELECT id, user_id, kind, actor_id, objective_id, key_result_id, comment_id, dependency_id,
         excerpt, at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v13 RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_objective ON notifications(objective_id);
CREATE INDEX notifications_endpoint ON notifications(endpoint_id) WHERE endpoint_id IS NOT NULL;
)sql";

// Version 14: the trackers (GitHub, GitLab, Jira) whose webhooks keep initiatives
// current. `secret` is what checks a delivery: the shared secret itself where the
// tracker signs with it (an HMAC needs the key), else only its hash.
constexpr const char* kSchemaV14 = R"sql(
CREATE TABLE trackers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  source     TEXT NOT NULL,
  secret     TEXT NOT NULL,
  team_id    INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
)sql";

// Version 15: e-mail. Each person's time zone, quiet hours and weekly digest; the mail
// queue the sender drains; and the keys of what is done once per period (a reminder,
// a digest), so two servers never send the same one, beside the latest change of each
// tracker's item applied (so an older delivery arriving late changes nothing).
constexpr const char* kSchemaV15 = R"sql(
CREATE TABLE person_settings (
  user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  time_zone     TEXT NOT NULL DEFAULT 'UTC',
  quiet_start   INTEGER CHECK (quiet_start BETWEEN 0 AND 1439),
  quiet_end     INTEGER CHECK (quiet_end BETWEEN 0 AND 1439),
  weekly_digest INTEGER NOT NULL DEFAULT 1 CHECK (weekly_digest IN (0, 1))
);
CREATE TABLE mail_messages (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
  recipient       TEXT NOT NULL,
  kind            TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         TEXT,
  given_up        INTEGER NOT NULL DEFAULT 0 CHECK (given_up IN (0, 1))
);
CREATE INDEX mail_messages_due ON mail_messages(next_attempt_ms)
  WHERE sent_at IS NULL AND given_up = 0;
CREATE INDEX mail_messages_user ON mail_messages(user_id, id);
CREATE TABLE done_once (
  key TEXT PRIMARY KEY,
  at  TEXT NOT NULL
);
)sql";

// Version 16: SCIM provisioning and groups mapped to teams and roles. The bearer
// tokens only SCIM may use (hashes only); what SCIM keeps of a user beside okr's own
// fields; SCIM groups and their members; the groups each provider's groups claim gave a
// person at their latest sign-in; the mappings from a group's name to a team and role
// (or the administrator right); and which memberships and administrator rights a
// mapping gave, kept apart from the ones given in okr (a manual one is never removed
// by a mapping).
constexpr const char* kSchemaV16 = R"sql(
CREATE TABLE scim_tokens (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE UNIQUE INDEX scim_tokens_live_name ON scim_tokens(name) WHERE revoked_at IS NULL;
CREATE TABLE scim_users (
  user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL DEFAULT '',
  given_name  TEXT NOT NULL DEFAULT '',
  family_name TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE scim_groups (
  id           INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL UNIQUE,
  external_id  TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE TABLE scim_group_members (
  group_id INTEGER NOT NULL REFERENCES scim_groups(id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX scim_group_members_user ON scim_group_members(user_id);
CREATE TABLE sso_person_groups (
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  source     TEXT NOT NULL,
  group_name TEXT NOT NULL,
  PRIMARY KEY (user_id, source, group_name)
);
CREATE INDEX sso_person_groups_group ON sso_person_groups(group_name);
CREATE TABLE group_mappings (
  id         INTEGER PRIMARY KEY,
  group_name TEXT NOT NULL,
  team_id    INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('member', 'lead', 'viewer', 'admin')),
  created_at TEXT NOT NULL,
  CHECK ((role = 'admin') = (team_id IS NULL))
);
CREATE INDEX group_mappings_group ON group_mappings(group_name);
CREATE TABLE mapped_memberships (
  team_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  from_groups TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (team_id, user_id),
  FOREIGN KEY (team_id, user_id) REFERENCES memberships(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX mapped_memberships_user ON mapped_memberships(user_id);
CREATE TABLE mapped_admins (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  from_groups TEXT NOT NULL DEFAULT ''
);
)sql";

// Version 17: the search index keeps the prefixes of one to three letters of every word,
// so what someone has typed so far ("t", "team 1") is one list to read rather than a
// merge of every word it begins. The index is built again from its rows; the triggers
// of versions 8 and 9 name the table and keep writing to the new one.
constexpr const char* kSchemaV17 = R"sql(
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(key, title,
  tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3');
INSERT INTO search_index (rowid, key, title) SELECT id * 4 + 0, key, name FROM teams;
INSERT INTO search_index (rowid, key, title) SELECT id * 4 + 1, email, name FROM users;
INSERT INTO search_index (rowid, key, title) SELECT id * 4 + 2, key, title FROM objectives;
INSERT INTO search_index (rowid, key, title) SELECT id * 4 + 3, key, title FROM key_results;
)sql";

// Version 18: PostgreSQL's accounts generation became a sequence; a SQLite file renews
// the signed-in actor with every write, so nothing changes here.
constexpr const char* kSchemaV18 = "SELECT 1;";

// Version 19: PostgreSQL's accounts generation moved past its first value; nothing
// changes here.
constexpr const char* kSchemaV19 = "SELECT 1;";

// Version 20: PostgreSQL's search index follows each statement instead of each row.
// SQLite has no statement triggers, and its row triggers run inside the library
// without calling out to another language, so nothing changes here.
constexpr const char* kSchemaV20 = "SELECT 1;";

constexpr std::array<Migration, 20> kMigrations{{
    {1, "the whole OKR domain", kSchemaV1},
    {2, "token names unique among live tokens", kSchemaV2},
    {3, "disabled users", kSchemaV3},
    {4, "check-in cadence, settings and retrospectives", kSchemaV4},
    {5, "failed sign-ins counted in the database", kSchemaV5},
    {6, "alignment to key results, indicators, dependencies", kSchemaV6},
    {7, "invitations", kSchemaV7},
    {8, "full-text search", kSchemaV8},
    {9, "search indexed at commit for writes of many rows", kSchemaV9},
    {10, "comments and notifications", kSchemaV10},
    {11, "the write generation as a PostgreSQL sequence (no change here)", kSchemaV11},
    {12, "single sign-on", kSchemaV12},
    {13, "webhooks, chat channels and the outbox", kSchemaV13},
    {14, "trackers whose webhooks update initiatives", kSchemaV14},
    {15, "e-mail: people's settings, the mail queue", kSchemaV15},
    {16, "SCIM provisioning and groups mapped to teams and roles", kSchemaV16},
    {17, "prefixes in the search index", kSchemaV17},
    {18, "the accounts generation as a PostgreSQL sequence (no change here)", kSchemaV18},
    {19, "the PostgreSQL accounts generation moved on (no change here)", kSchemaV19},
    {20, "PostgreSQL's search index follows each statement (no change here)", kSchemaV20},
}};

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

}  // namespace okr::sqlite
