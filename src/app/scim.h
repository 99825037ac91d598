// SCIM 2.0 provisioning (RFC 7643/7644) and groups mapped to teams and roles.
//
// An identity provider (Okta, Entra ID, ...) creates, changes and deactivates people and
// groups through /scim/v2 with a SCIM token: a bearer token an administrator creates
// for it, good on /scim/v2 only. The SCIM wire format (JSON, PATCH paths, filters) is
// read in http/scim/; this file is given what was asked in okr's terms.
//
// A group mapping gives everyone in a group (a SCIM group's displayName, or a value of
// an OpenID provider's `groups` claim) a role in a team, or the administrator right.
// What a mapping gave is recorded as mapped, apart from what was given in okr: a
// mapping never takes away a membership or an administrator right given by hand, and
// giving one by hand makes it manual from then on. Nothing is ever deleted by SCIM: a
// deactivated person keeps their check-ins and history, and cannot sign in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace okr::app {

// A SCIM token just created: `secret` is shown once and never stored.
struct IssuedScimToken {
  Id id = 0;
  std::string name;
  std::string secret;
};

// A mapping as people read it: the group, the team's key (empty for 'admin'), the role
// (member, lead, viewer, admin).
struct GroupMappingView {
  Id id = 0;
  std::string group;
  std::string team;
  std::string role;
};

// One of a person's memberships, or their administrator right (team empty), and where
// it comes from: "manual", or the groups whose mapping gave it.
struct AccessView {
  std::string team;
  std::string role;
  bool mapped = false;
  std::string groups;  // mapped: the groups, comma-separated
};

// A person as SCIM sees them. `id` is okr's user id.
struct ScimPerson {
  User user;
  ScimUser scim;  // external id and name parts; empty for people SCIM never wrote
  std::vector<ScimGroup> groups;
};

// What a SCIM request asks of a person. Absent fields are unchanged by a PATCH; a PUT
// or POST reads absent as empty (and `active` as true).
struct ScimPersonFields {
  std::optional<std::string> user_name;  // okr's e-mail, when it is an e-mail address
  std::optional<std::string> email;      // emails[type eq "work"] or the primary one
  std::optional<std::string> external_id;
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<std::string> formatted;     // name.formatted
  std::optional<std::string> display_name;  // displayName
  std::optional<bool> active;
};

struct ScimTeamGroup {
  ScimGroup group;
  std::vector<User> members;
};

// What a SCIM request asks of a group: PUT and POST give `members` whole; PATCH adds
// and removes ids, or replaces them all.
struct ScimGroupFields {
  std::optional<std::string> display_name;
  std::optional<std::string> external_id;
  std::optional<std::vector<std::string>> members;  // user ids as SCIM sends them
  std::vector<std::string> add;
  std::vector<std::string> remove;
  bool remove_all = false;  // PATCH remove of "members" without a value
};

// A filter SCIM supports: `attribute eq "value"` on userName, externalId, emails (users)
// or displayName, externalId (groups). Empty attribute: no filter.
struct ScimFilter {
  std::string attribute;  // lower-cased
  std::string value;
};

template <class T>
struct ScimPage {
  std::vector<T> items;
  std::size_t total = 0;
  std::size_t start = 1;  // 1-based, as SCIM counts
};

// Applies the group mappings to `user_id`'s groups in `tx`: adds and changes the mapped
// memberships and administrator right they call for and removes the mapped ones they no
// longer do; manual ones are left as they are. Audited as "map"/"unmap".
void apply_group_mappings(Transaction& tx, Instant now, Id user_id);

// Ends `user_id`'s sessions and revokes their API tokens, for good: enabling the person
// again later brings none of them back.
void end_access(Transaction& tx, Id user_id, Instant now);

class Provisioning {
 public:
  explicit Provisioning(App& app) : app_(app) {}

  // ---- SCIM tokens (administrators only)
  Result<IssuedScimToken> create_token(const std::string& name, const Actor& actor);
  Result<std::vector<ScimToken>> list_tokens(const Actor& actor);  // hashes cleared
  Result<Ok> revoke_token(const std::string& id_or_name, const Actor& actor);
  // The live token `secret` names; unauthenticated otherwise.
  Result<ScimToken> authenticate(const std::string& secret);

  // ---- group mappings (administrators only to change)
  // `role`: member, lead or viewer with a team; admin without one.
  Result<GroupMappingView> add_mapping(const std::string& group, const std::string& team,
                                       const std::string& role, const Actor& actor);
  // Removes the mappings of `group` (to `team` only, when given) and what they gave.
  Result<int> remove_mappings(const std::string& group, const std::string& team,
                              const Actor& actor);
  Result<std::vector<GroupMappingView>> list_mappings();
  // A person's memberships and administrator right, each manual or mapped.
  Result<std::vector<AccessView>> access_of(const std::string& email);
  // The members of `team_id` whose membership a mapping gave, with the groups that gave
  // it (comma-separated), by user id.
  Result<std::map<Id, std::string>> mapped_members(Id team_id);

  // ---- SCIM users. `token` is the token the request came with (for the audit trail).
  Result<ScimPerson> create_person(const ScimPersonFields& f, const ScimToken& token);
  Result<ScimPerson> person(const std::string& id);
  Result<ScimPage<ScimPerson>> people(const ScimFilter& filter, std::size_t start,
                                      std::size_t count);
  // PUT (`replace`: absent is empty) or PATCH (absent is unchanged).
  Result<ScimPerson> change_person(const std::string& id, const ScimPersonFields& f, bool replace,
                                   const ScimToken& token);
  // DELETE: deactivates; nothing is deleted.
  Result<Ok> deactivate_person(const std::string& id, const ScimToken& token);

  // ---- SCIM groups
  Result<ScimTeamGroup> create_group(const ScimGroupFields& f, const ScimToken& token);
  Result<ScimTeamGroup> group(const std::string& id);
  Result<ScimPage<ScimTeamGroup>> groups(const ScimFilter& filter, std::size_t start,
                                         std::size_t count);
  Result<ScimTeamGroup> change_group(const std::string& id, const ScimGroupFields& f, bool replace,
                                     const ScimToken& token);
  // Deletes the group and what its mappings gave; its people stay.
  Result<Ok> delete_group(const std::string& id, const ScimToken& token);

 private:
  App& app_;
};

}  // namespace okr::app
