#include "app/scim.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/audit.h"
#include "app/edit.h"
#include "app/okrs.h"
#include "app/run.h"
#include "app/secrets.h"
#include "core/validate.h"
#include "formats/json_model.h"

namespace okr::app {
namespace {

constexpr std::string_view kTokenPrefix = "okr_scim_";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A team role's weight when several groups map one person into one team.
int weight(TeamRole r) {
  switch (r) {
    case TeamRole::lead:
      return 3;
    case TeamRole::member:
      return 2;
    case TeamRole::viewer:
      return 1;
  }
  return 0;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

// A name a group may have: what SCIM's displayName and a groups claim give.
std::optional<Error> group_name_problem(const std::string& name, const std::string& field) {
  if (name.empty() || name.size() > 200)
    return Error::invalid(field, "a group's name has 1–200 characters");
  return check_text(name, field);
}

void audit_text(Transaction& tx, Instant at, std::optional<Id> actor, std::string action,
                std::string entity, std::optional<Id> id, std::string before, std::string after) {
  tx.add_audit_event({0, at, actor, std::move(action), std::move(entity), id, std::move(before),
                      std::move(after)});
}

std::string grant_text(const std::string& team, const std::string& role,
                       const std::string& groups) {
  return formats::to_text(boost::json::object{{"team", team}, {"role", role}, {"groups", groups}});
}

// SCIM names a user or group by okr's id, as a string of digits.
std::optional<Id> id_of(const std::string& text) {
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return std::stoll(text);
}

User user_named(Transaction& tx, const std::string& id) {
  auto n = id_of(id);
  std::optional<User> u = n ? tx.find_user(*n) : std::nullopt;
  if (!u) fail(Error::not_found("id", "no user with id " + id));
  return *u;
}

ScimGroup group_named(Transaction& tx, const std::string& id) {
  auto n = id_of(id);
  std::optional<ScimGroup> g = n ? tx.find_scim_group(*n) : std::nullopt;
  if (!g) fail(Error::not_found("id", "no group with id " + id));
  return *g;
}

ScimPerson person_of(Transaction& tx, const User& u, bool with_groups) {
  ScimPerson p{u, tx.find_scim_user(u.id).value_or(ScimUser{u.id, "", "", "", {}, {}}), {}};
  if (with_groups)
    for (const auto& name : tx.groups_of(u.id))
      if (auto g = tx.find_scim_group_by_name(name)) p.groups.push_back(*g);
  return p;
}

ScimTeamGroup team_group_of(Transaction& tx, const ScimGroup& g) {
  return {g, tx.find_users(tx.scim_group_members(g.id))};
}

std::string token_text(const ScimToken& t) {
  return formats::to_text(boost::json::object{{"id", t.id}, {"name", t.name}});
}

std::string person_text(const User& u, const ScimUser& s, const ScimToken& token) {
  auto o = formats::to_json(u).as_object();
  o["external_id"] = s.external_id;
  o["scim_token"] = token.name;
  return formats::to_text(o);
}

std::string group_text(const ScimGroup& g, const std::vector<Id>& members, const ScimToken& token) {
  boost::json::array ids;
  for (Id m : members) ids.push_back(m);
  return formats::to_text(boost::json::object{{"display_name", g.display_name},
                                              {"external_id", g.external_id},
                                              {"members", std::move(ids)},
                                              {"scim_token", token.name}});
}

template <class T>
ScimPage<T> page_of(std::vector<T> all, std::size_t start, std::size_t count) {
  ScimPage<T> page;
  page.total = all.size();
  page.start = std::max<std::size_t>(start, 1);
  const std::size_t from = std::min(all.size(), page.start - 1);
  const std::size_t to = std::min(all.size(), from + count);
  for (std::size_t i = from; i < to; ++i) page.items.push_back(std::move(all[i]));
  return page;
}

// The e-mail a SCIM user is known by: userName when it is an address (Okta, and Entra's
// userPrincipalName), else the work or primary e-mail.
std::string email_of(const ScimPersonFields& f) {
  if (f.user_name && f.user_name->find('@') != std::string::npos) return *f.user_name;
  if (f.email && !f.email->empty()) return *f.email;
  if (!f.user_name || f.user_name->empty()) fail(Error::invalid("userName", "userName is needed"));
  fail(Error::invalid("userName", "userName '" + *f.user_name +
                                      "' is not an e-mail address, and no work e-mail was given"));
}

// A person's name from what SCIM gives: name.formatted, displayName, or the parts.
std::optional<std::string> name_of(const ScimPersonFields& f, const ScimUser& s) {
  if (f.formatted && !f.formatted->empty()) return f.formatted;
  if (f.display_name && !f.display_name->empty()) return f.display_name;
  std::string parts = s.given_name;
  if (!s.family_name.empty()) parts += (parts.empty() ? "" : " ") + s.family_name;
  if (!parts.empty() && (f.given_name || f.family_name)) return parts;
  return std::nullopt;
}

void check_scim_text(const std::optional<std::string>& text, const char* field) {
  if (!text) return;
  if (text->size() > 300) fail(Error::invalid(field, std::string(field) + " is too long"));
  if (auto e = check_text(*text, field)) fail(*e);
}

void check_person_fields(const ScimPersonFields& f) {
  check_scim_text(f.user_name, "userName");
  check_scim_text(f.email, "emails");
  check_scim_text(f.external_id, "externalId");
  check_scim_text(f.given_name, "name.givenName");
  check_scim_text(f.family_name, "name.familyName");
  check_scim_text(f.formatted, "name.formatted");
  check_scim_text(f.display_name, "displayName");
}

void refuse_last_admin(Transaction& tx, const User& before, const User& after) {
  if (!before.admin || before.disabled || (after.admin && !after.disabled)) return;
  int enabled_admins = 0;
  for (const auto& other : tx.list_users()) enabled_admins += other.admin && !other.disabled;
  if (enabled_admins <= 1)
    fail(Error::conflict("active", before.email + " is the last enabled administrator of okr; "
                                                  "make someone else an administrator first"));
}

std::vector<User> members_named(Transaction& tx, const std::vector<std::string>& ids) {
  std::vector<User> out;
  for (const auto& id : ids) {
    auto n = id_of(id);
    auto u = n ? tx.find_user(*n) : std::nullopt;
    if (!u) fail(Error::invalid("members", "no user with id " + id));
    out.push_back(*u);
  }
  return out;
}

}  // namespace

void end_access(Transaction& tx, Id user_id, Instant now) {
  tx.delete_sessions_of(user_id);
  for (const auto& t : tx.list_api_tokens(user_id))
    if (!t.revoked_at) tx.revoke_api_token(t.id, now);
}

void apply_group_mappings(Transaction& tx, Instant now, Id user_id) {
  auto user = tx.find_user(user_id);
  if (!user) return;
  const auto groups = tx.groups_of(user_id);
  const std::set<std::string> in(groups.begin(), groups.end());
  struct Wanted {
    TeamRole role = TeamRole::viewer;
    std::vector<std::string> groups;
  };
  std::map<Id, Wanted> teams;
  std::vector<std::string> admin_groups;
  for (const auto& m : tx.list_group_mappings()) {
    if (!in.count(m.group_name)) continue;
    if (!m.team_id) {
      admin_groups.push_back(m.group_name);
      continue;
    }
    auto role = parse_team_role(m.role).value_or(TeamRole::viewer);
    auto [it, fresh] = teams.try_emplace(*m.team_id, Wanted{role, {}});
    if (!fresh && weight(role) > weight(it->second.role)) it->second.role = role;
    it->second.groups.push_back(m.group_name);
  }
  std::map<Id, TeamRole> held;
  for (const auto& m : tx.list_memberships(std::nullopt, user_id)) held[m.team_id] = m.role;
  std::map<Id, std::string> granted;  // mapped memberships, by team
  bool admin_granted = false;
  for (const auto& g : tx.mapped_grants(user_id)) {
    if (g.team_id)
      granted[*g.team_id] = g.groups;
    else
      admin_granted = true;
  }
  auto key_of = [&](Id team) {
    auto t = tx.find_team(team);
    return t ? t->key : std::to_string(team);
  };
  for (const auto& [team, want] : teams) {
    const auto h = held.find(team);
    const bool manual = h != held.end() && !granted.count(team);
    if (manual) continue;  // given in okr: a mapping leaves it as it is
    const std::string groups_text = joined(want.groups);
    if (h != held.end() && h->second == want.role && granted[team] == groups_text) continue;
    tx.put_membership({team, user_id, want.role});
    tx.put_mapped_grant({team, user_id, groups_text});
    audit_text(tx, now, std::nullopt, "map", "membership", team,
               h == held.end()
                   ? ""
                   : grant_text(key_of(team), std::string(to_string(h->second)), granted[team]),
               grant_text(key_of(team), std::string(to_string(want.role)), groups_text));
  }
  for (const auto& [team, groups_text] : granted) {
    if (teams.count(team)) continue;
    tx.delete_mapped_grant(team, user_id);
    tx.remove_membership(team, user_id);
    audit_text(tx, now, std::nullopt, "unmap", "membership", team,
               grant_text(key_of(team), std::string(to_string(held[team])), groups_text), "");
  }
  if (!admin_groups.empty()) {
    const std::string groups_text = joined(admin_groups);
    if (!user->admin || admin_granted) {
      if (!user->admin) {
        User after = *user;
        after.admin = true;
        after.version = tx.update_user(after);
        audit_text(tx, now, std::nullopt, "map", "user", user_id, "",
                   grant_text("", "admin", groups_text));
      }
      tx.put_mapped_grant({std::nullopt, user_id, groups_text});
    }
  } else if (admin_granted) {
    // Keep the last enabled administrator's right: without one nobody could fix this.
    int enabled_admins = 0;
    for (const auto& other : tx.list_users()) enabled_admins += other.admin && !other.disabled;
    if (user->admin && !user->disabled && enabled_admins <= 1) return;
    tx.delete_mapped_grant(std::nullopt, user_id);
    if (user->admin) {
      User after = *user;
      after.admin = false;
      after.version = tx.update_user(after);
      audit_text(tx, now, std::nullopt, "unmap", "user", user_id, grant_text("", "admin", ""), "");
    }
  }
}

// ---- tokens

Result<IssuedScimToken> Provisioning::create_token(const std::string& name, const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "create SCIM tokens");
    if (name.empty() || name.size() > 100)
      fail(Error::invalid("name", "a SCIM token needs a name of 1–100 characters"));
    if (auto e = check_text(name, "name")) fail(*e);
    for (const auto& t : tx.list_scim_tokens())
      if (t.name == name && !t.revoked_at)
        fail(Error::conflict("name", "a SCIM token named '" + name + "' exists already"));
    IssuedScimToken issued{0, name, new_secret(kTokenPrefix)};
    ScimToken t{0, name, secret_hash(issued.secret), actor.user_id, app_.now(), std::nullopt};
    t.id = issued.id = tx.create_scim_token(t);
    audit_text(tx, app_.now(), actor.user_id, "create", "scim_token", t.id, "", token_text(t));
    return issued;
  });
}

Result<std::vector<ScimToken>> Provisioning::list_tokens(const Actor& actor) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    require_admin(actor, "list SCIM tokens");
    auto tokens = tx.list_scim_tokens();
    for (auto& t : tokens) t.token_hash.clear();
    return tokens;
  });
}

Result<Ok> Provisioning::revoke_token(const std::string& id_or_name, const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "revoke SCIM tokens");
    std::optional<ScimToken> found;
    const auto id = id_of(id_or_name);
    for (const auto& t : tx.list_scim_tokens())
      if ((id && t.id == *id) || (t.name == id_or_name && !t.revoked_at)) found = t;
    if (!found) fail(Error::not_found("token", "no SCIM token '" + id_or_name + "'"));
    if (!found->revoked_at) {
      tx.revoke_scim_token(found->id, app_.now());
      audit_text(tx, app_.now(), actor.user_id, "revoke", "scim_token", found->id,
                 token_text(*found), "");
    }
    return Ok{};
  });
}

Result<ScimToken> Provisioning::authenticate(const std::string& secret) {
  const Error refused{ErrorCode::unauthenticated, "",
                      "a SCIM token is needed (Authorization: Bearer okr_scim_…)"};
  if (secret.rfind(kTokenPrefix, 0) != 0 || secret.size() > 200) return refused;
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    auto t = tx.find_scim_token(secret_hash(secret));
    if (!t || t->revoked_at) fail(refused);
    return *t;
  });
}

// ---- mappings

Result<GroupMappingView> Provisioning::add_mapping(const std::string& group,
                                                   const std::string& team, const std::string& role,
                                                   const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "map groups to teams and roles");
    if (auto e = group_name_problem(group, "group")) fail(*e);
    GroupMapping m{0, group, std::nullopt, role, app_.now()};
    if (role == "admin") {
      if (!team.empty())
        fail(Error::invalid("team", "role admin gives the administrator right; it takes no team"));
    } else {
      if (!parse_team_role(role))
        fail(Error::invalid("role", "a role is one of member, lead, viewer and admin"));
      if (team.empty()) fail(Error::invalid("team", "role " + role + " needs a team"));
      auto t = tx.find_team_by_key(team);
      if (!t) fail(Error::not_found("team", "no team with key '" + team + "'"));
      m.team_id = t->id;
    }
    for (const auto& other : tx.list_group_mappings())
      if (other.group_name == group && other.team_id == m.team_id)
        fail(Error::conflict(
            "group", "group '" + group + "' is mapped to " +
                         (team.empty() ? std::string("the administrator right") : "team " + team) +
                         " already (as " + other.role + "); remove it first"));
    m.id = tx.create_group_mapping(m);
    audit_text(tx, app_.now(), actor.user_id, "create", "group_mapping", m.id, "",
               grant_text(team, role, group));
    for (Id user : tx.users_in_group(group)) apply_group_mappings(tx, app_.now(), user);
    return GroupMappingView{m.id, group, team, role};
  });
}

Result<int> Provisioning::remove_mappings(const std::string& group, const std::string& team,
                                          const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "map groups to teams and roles");
    std::optional<Id> team_id;
    if (!team.empty()) {
      auto t = tx.find_team_by_key(team);
      if (!t) fail(Error::not_found("team", "no team with key '" + team + "'"));
      team_id = t->id;
    }
    int removed = 0;
    for (const auto& m : tx.list_group_mappings()) {
      if (m.group_name != group || (team_id && m.team_id != team_id)) continue;
      tx.delete_group_mapping(m.id);
      audit_text(tx, app_.now(), actor.user_id, "delete", "group_mapping", m.id,
                 grant_text(team, m.role, group), "");
      ++removed;
    }
    if (removed == 0)
      fail(Error::not_found("group", "group '" + group + "' is not mapped" +
                                         (team.empty() ? "" : " to team " + team)));
    for (Id user : tx.users_in_group(group)) apply_group_mappings(tx, app_.now(), user);
    return removed;
  });
}

Result<std::vector<GroupMappingView>> Provisioning::list_mappings() {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    std::vector<GroupMappingView> out;
    for (const auto& m : tx.list_group_mappings()) {
      std::string team;
      if (m.team_id)
        if (auto t = tx.find_team(*m.team_id)) team = t->key;
      out.push_back({m.id, m.group_name, team, m.role});
    }
    return out;
  });
}

Result<std::vector<AccessView>> Provisioning::access_of(const std::string& email) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    auto u = tx.find_user_by_email(normalize_email(email));
    if (!u) fail(Error::not_found("user", "no user with e-mail " + email));
    std::map<std::optional<Id>, std::string> mapped;
    for (const auto& g : tx.mapped_grants(u->id)) mapped[g.team_id] = g.groups;
    std::vector<AccessView> out;
    if (u->admin) {
      auto it = mapped.find(std::nullopt);
      out.push_back({"", "admin", it != mapped.end(), it != mapped.end() ? it->second : ""});
    }
    for (const auto& m : tx.list_memberships(std::nullopt, u->id)) {
      auto t = tx.find_team(m.team_id);
      auto it = mapped.find(m.team_id);
      out.push_back({t ? t->key : std::to_string(m.team_id), std::string(to_string(m.role)),
                     it != mapped.end(), it != mapped.end() ? it->second : ""});
    }
    return out;
  });
}

Result<std::map<Id, std::string>> Provisioning::mapped_members(Id team_id) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    std::map<Id, std::string> out;
    for (const auto& m : tx.list_memberships(team_id, std::nullopt))
      for (const auto& g : tx.mapped_grants(m.user_id))
        if (g.team_id == team_id) out[m.user_id] = g.groups;
    return out;
  });
}

// ---- users

Result<ScimPerson> Provisioning::create_person(const ScimPersonFields& f, const ScimToken& token) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    check_person_fields(f);
    const std::string email = normalize_email(email_of(f));
    if (tx.find_user_by_email(email))
      fail(Error::conflict("userName", "a user with e-mail " + email + " exists already"));
    const Instant now = app_.now();
    ScimUser s{
        0,  f.external_id.value_or(""), f.given_name.value_or(""), f.family_name.value_or(""), now,
        now};
    User u{0, email, name_of(f, s).value_or(email.substr(0, email.find('@'))), false, 1};
    u.disabled = !f.active.value_or(true);
    if (auto e = validate(u)) fail(Error::invalid("userName", e->message));
    u.id = s.user_id = tx.create_user(u);
    if (u.disabled) u.version = tx.update_user(u);
    tx.put_scim_user(s);
    audit_text(tx, now, std::nullopt, "create", "user", u.id, "", person_text(u, s, token));
    return ScimPerson{u, s, {}};
  });
}

Result<ScimPerson> Provisioning::person(const std::string& id) {
  return run(app_.store(), Store::Mode::read,
             [&](Transaction& tx) { return person_of(tx, user_named(tx, id), true); });
}

Result<ScimPage<ScimPerson>> Provisioning::people(const ScimFilter& filter, std::size_t start,
                                                  std::size_t count) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    const std::string wanted = lower(filter.value);
    std::vector<User> matching;
    // What identity providers ask before each change (userName eq, id eq) is one
    // indexed lookup, not a pass over every person: provisioning 100,000 people asks it
    // 100,000 times.
    if (filter.attribute == "username" || filter.attribute == "emails" ||
        filter.attribute == "emails.value" || filter.attribute == "id") {
      std::optional<User> found;
      if (filter.attribute != "id")
        found = tx.find_user_by_email(wanted);
      else if (auto id = parse_id(filter.value))
        found = tx.find_user(*id);
      if (found) matching.push_back(std::move(*found));
      auto users = page_of(std::move(matching), start, count);
      ScimPage<ScimPerson> page{{}, users.total, users.start};
      for (const auto& u : users.items) page.items.push_back(person_of(tx, u, true));
      return page;
    }
    std::map<Id, ScimUser> scim;
    for (auto& s : tx.list_scim_users()) scim[s.user_id] = s;
    for (auto& u : tx.list_users()) {
      const auto s = scim.find(u.id);
      const std::string external = s == scim.end() ? "" : s->second.external_id;
      const bool keep = filter.attribute.empty() ||
                        ((filter.attribute == "username" || filter.attribute == "emails" ||
                          filter.attribute == "emails.value") &&
                         u.email == wanted) ||
                        (filter.attribute == "externalid" && external == filter.value) ||
                        (filter.attribute == "id" && std::to_string(u.id) == filter.value);
      if (keep) matching.push_back(std::move(u));
    }
    // By id: a page stays where it was while people change their e-mail.
    std::sort(matching.begin(), matching.end(),
              [](const User& a, const User& b) { return a.id < b.id; });
    auto users = page_of(std::move(matching), start, count);
    ScimPage<ScimPerson> page{{}, users.total, users.start};
    for (const auto& u : users.items) page.items.push_back(person_of(tx, u, true));
    return page;
  });
}

Result<ScimPerson> Provisioning::change_person(const std::string& id, const ScimPersonFields& f,
                                               bool replace, const ScimToken& token) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    check_person_fields(f);
    const Instant now = app_.now();
    const User before = user_named(tx, id);
    const auto scim_before = tx.find_scim_user(before.id);
    ScimUser s = scim_before.value_or(ScimUser{before.id, "", "", "", now, now});
    User u = before;
    // A PATCH of the work e-mail alone leaves userName, the address okr signs in with.
    if (replace || f.user_name) {
      u.email = normalize_email(email_of(f));
      if (auto other = tx.find_user_by_email(u.email); other && other->id != u.id)
        fail(Error::conflict("userName", "a user with e-mail " + u.email + " exists already"));
    }
    if (replace) {
      s.external_id = f.external_id.value_or("");
      s.given_name = f.given_name.value_or("");
      s.family_name = f.family_name.value_or("");
    } else {
      set(s.external_id, f.external_id);
      set(s.given_name, f.given_name);
      set(s.family_name, f.family_name);
    }
    if (auto name = name_of(f, s)) u.name = *name;
    if (f.active) u.disabled = !*f.active;
    if (auto e = validate(u))
      fail(Error::invalid(u.email != before.email ? "userName" : "name", e->message));
    refuse_last_admin(tx, before, u);
    s.updated_at = now;
    tx.put_scim_user(s);
    if (u != before) {
      u.version = tx.update_user(u);
      if (u.disabled && !before.disabled) end_access(tx, u.id, now);
      audit_text(tx, now, std::nullopt, "update", "user", u.id,
                 person_text(before, scim_before.value_or(s), token), person_text(u, s, token));
    }
    return person_of(tx, u, true);
  });
}

Result<Ok> Provisioning::deactivate_person(const std::string& id, const ScimToken& token) {
  ScimPersonFields f;
  f.active = false;
  auto r = change_person(id, f, false, token);
  if (!r) return r.error();
  return Ok{};
}

// ---- groups

Result<ScimTeamGroup> Provisioning::create_group(const ScimGroupFields& f, const ScimToken& token) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    const Instant now = app_.now();
    ScimGroup g{0, f.display_name.value_or(""), f.external_id.value_or(""), now, now};
    if (auto e = group_name_problem(g.display_name, "displayName")) fail(*e);
    check_scim_text(f.external_id, "externalId");
    if (tx.find_scim_group_by_name(g.display_name))
      fail(Error::conflict("displayName", "a group named '" + g.display_name + "' exists already"));
    std::vector<std::string> ids = f.members.value_or(std::vector<std::string>{});
    ids.insert(ids.end(), f.add.begin(), f.add.end());
    const auto members = members_named(tx, ids);
    g.id = tx.create_scim_group(g);
    std::vector<Id> member_ids;
    for (const auto& m : members) {
      tx.add_scim_group_member(g.id, m.id);
      member_ids.push_back(m.id);
    }
    audit_text(tx, now, std::nullopt, "create", "scim_group", g.id, "",
               group_text(g, member_ids, token));
    for (Id m : member_ids) apply_group_mappings(tx, now, m);
    return team_group_of(tx, g);
  });
}

Result<ScimTeamGroup> Provisioning::group(const std::string& id) {
  return run(app_.store(), Store::Mode::read,
             [&](Transaction& tx) { return team_group_of(tx, group_named(tx, id)); });
}

Result<ScimPage<ScimTeamGroup>> Provisioning::groups(const ScimFilter& filter, std::size_t start,
                                                     std::size_t count) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    std::vector<ScimGroup> matching;
    for (auto& g : tx.list_scim_groups()) {
      const bool keep =
          filter.attribute.empty() ||
          (filter.attribute == "displayname" && lower(g.display_name) == lower(filter.value)) ||
          (filter.attribute == "externalid" && g.external_id == filter.value) ||
          (filter.attribute == "id" && std::to_string(g.id) == filter.value);
      if (keep) matching.push_back(std::move(g));
    }
    auto groups = page_of(std::move(matching), start, count);
    ScimPage<ScimTeamGroup> page{{}, groups.total, groups.start};
    for (const auto& g : groups.items) page.items.push_back(team_group_of(tx, g));
    return page;
  });
}

Result<ScimTeamGroup> Provisioning::change_group(const std::string& id, const ScimGroupFields& f,
                                                 bool replace, const ScimToken& token) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    const Instant now = app_.now();
    const ScimGroup before = group_named(tx, id);
    ScimGroup g = before;
    if (replace || f.display_name) g.display_name = f.display_name.value_or("");
    if (auto e = group_name_problem(g.display_name, "displayName")) fail(*e);
    check_scim_text(f.external_id, "externalId");
    if (replace)
      g.external_id = f.external_id.value_or("");
    else
      set(g.external_id, f.external_id);
    if (auto other = tx.find_scim_group_by_name(g.display_name); other && other->id != g.id)
      fail(Error::conflict("displayName", "a group named '" + g.display_name + "' exists already"));
    const auto was = tx.scim_group_members(g.id);
    std::set<Id> now_in(was.begin(), was.end());
    if (f.members || replace) {
      now_in.clear();
      for (const auto& m : members_named(tx, f.members.value_or(std::vector<std::string>{})))
        now_in.insert(m.id);
    }
    if (f.remove_all) now_in.clear();
    for (const auto& m : members_named(tx, f.add)) now_in.insert(m.id);
    for (const auto& r : f.remove)
      if (auto n = id_of(r)) now_in.erase(*n);
    const std::set<Id> was_in(was.begin(), was.end());
    std::set<Id> affected;
    for (Id m : was_in)
      if (!now_in.count(m)) {
        tx.remove_scim_group_member(g.id, m);
        affected.insert(m);
      }
    for (Id m : now_in)
      if (!was_in.count(m)) {
        tx.add_scim_group_member(g.id, m);
        affected.insert(m);
      }
    const bool renamed = g.display_name != before.display_name;
    if (renamed || g.external_id != before.external_id) {
      g.updated_at = now;
      tx.update_scim_group(g);
    }
    if (renamed) affected.insert(now_in.begin(), now_in.end());
    if (renamed || !affected.empty() || g.external_id != before.external_id)
      audit_text(tx, now, std::nullopt, "update", "scim_group", g.id,
                 group_text(before, was, token),
                 group_text(g, std::vector<Id>(now_in.begin(), now_in.end()), token));
    for (Id m : affected) apply_group_mappings(tx, now, m);
    return team_group_of(tx, g);
  });
}

Result<Ok> Provisioning::delete_group(const std::string& id, const ScimToken& token) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    const ScimGroup g = group_named(tx, id);
    const auto members = tx.scim_group_members(g.id);
    tx.delete_scim_group(g.id);
    audit_text(tx, app_.now(), std::nullopt, "delete", "scim_group", g.id,
               group_text(g, members, token), "");
    for (Id m : members) apply_group_mappings(tx, app_.now(), m);
    return Ok{};
  });
}

}  // namespace okr::app
