// SCIM's wire format: reading Users, Groups, PATCH operations and filters as Okta and
// Entra ID send them, and writing resources, lists and error documents.
//
// Reading is tolerant where providers differ (attribute names and operation names in
// any case, "True"/"False" as strings, a PATCH without a path carrying an object,
// attributes okr does not keep, such as the enterprise extension's, are accepted and
// ignored) and strict where it matters: a known attribute of the wrong type, an
// unknown operation or path, or a filter okr cannot answer is refused with a SCIM
// error naming it. Pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <string>
#include <string_view>

#include "app/scim.h"
#include "http/message.h"

namespace okr::http::scim {

namespace json = boost::json;

// Thrown by the readers below; the handler answers error_response(status, type, detail).
struct Refusal {
  int status = 400;
  std::string scim_type;  // invalidSyntax, invalidValue, invalidPath, invalidFilter, ...
  std::string detail;
};

// {"schemas": [Error], "status": "400", "scimType": ..., "detail": ...} as
// application/scim+json.
Response error_response(int status, std::string_view scim_type, std::string_view detail);
// A use case's refusal as SCIM says it (a taken userName is 409 uniqueness, ...).
Response error_of(const Error& error);
// A resource or list as application/scim+json.
Response document(int status, const json::value& body);

// `attr eq "value"` on one of `attributes` (compared lower-case).
app::ScimFilter parse_filter(std::string_view text,
                             std::initializer_list<std::string_view> attributes);

// A User as POST and PUT send it.
app::ScimPersonFields person_fields(const json::object& body);
// A PatchOp on a User: the fields it changes.
app::ScimPersonFields person_patch(const json::object& body);
// A Group as POST and PUT send it.
app::ScimGroupFields group_fields(const json::object& body);
// A PatchOp on a Group.
app::ScimGroupFields group_patch(const json::object& body);

// `base` is the address of /scim/v2 as the client reached it.
json::object person_json(const app::ScimPerson& person, const std::string& base);
json::object group_json(const app::ScimTeamGroup& group, const std::string& base, bool members);
json::object list_json(json::array resources, std::size_t total, std::size_t start);

json::object service_provider_config(const std::string& base);
json::array schemas();
json::array resource_types(const std::string& base);

}  // namespace okr::http::scim
