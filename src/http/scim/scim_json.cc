#include "http/scim/scim_json.h"

#include <algorithm>
#include <cctype>

#include "core/date.h"
#include "formats/json_model.h"

namespace okr::http::scim {
namespace {

constexpr std::string_view kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
constexpr std::string_view kGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
constexpr std::string_view kEnterpriseSchema =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr std::string_view kPatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

[[noreturn]] void refuse(std::string scim_type, std::string detail) {
  throw Refusal{400, std::move(scim_type), std::move(detail)};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string text_of(const json::value& v, std::string_view attribute) {
  if (!v.is_string()) refuse("invalidValue", std::string(attribute) + " must be a string");
  return std::string(v.as_string());
}

// Entra sends booleans as "True" and "False".
bool boolean_of(const json::value& v, std::string_view attribute) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_string()) {
    const auto s = lower(v.as_string());
    if (s == "true") return true;
    if (s == "false") return false;
  }
  refuse("invalidValue", std::string(attribute) + " must be true or false");
}

// The e-mail of an `emails` array: the work one, else the primary, else the first.
std::optional<std::string> email_of(const json::value& v) {
  if (!v.is_array()) refuse("invalidValue", "emails must be an array");
  std::optional<std::string> work, primary, first;
  for (const auto& e : v.as_array()) {
    if (!e.is_object()) refuse("invalidValue", "each of emails must be an object");
    const auto& o = e.as_object();
    const auto* value = o.if_contains("value");
    if (!value) continue;
    std::string address = text_of(*value, "emails.value");
    if (!first) first = address;
    if (const auto* type = o.if_contains("type");
        type && type->is_string() && lower(type->as_string()) == "work")
      work = address;
    if (const auto* p = o.if_contains("primary"); p && boolean_of(*p, "emails.primary"))
      primary = address;
  }
  return work ? work : primary ? primary : first;
}

// One attribute of a User, by its path lower-cased ("name.givenname"); `value` null
// for a remove. Attributes okr does not keep are accepted and ignored.
void set_person_attribute(app::ScimPersonFields& f, const std::string& path,
                          const json::value* value) {
  auto text = [&](std::optional<std::string>& field, std::string_view name) {
    field = value ? text_of(*value, name) : std::string();
  };
  if (path == "username") {
    if (!value) refuse("mutability", "userName cannot be removed");
    text(f.user_name, "userName");
  } else if (path == "externalid") {
    text(f.external_id, "externalId");
  } else if (path == "displayname") {
    text(f.display_name, "displayName");
  } else if (path == "name.givenname") {
    text(f.given_name, "name.givenName");
  } else if (path == "name.familyname") {
    text(f.family_name, "name.familyName");
  } else if (path == "name.formatted") {
    text(f.formatted, "name.formatted");
  } else if (path == "name") {
    if (!value) {
      f.given_name = f.family_name = f.formatted = std::string();
      return;
    }
    if (!value->is_object()) refuse("invalidValue", "name must be an object");
    for (const auto& [k, v] : value->as_object()) set_person_attribute(f, "name." + lower(k), &v);
  } else if (path == "active") {
    if (!value) refuse("mutability", "active cannot be removed");
    f.active = boolean_of(*value, "active");
  } else if (path == "emails") {
    if (value) f.email = email_of(*value);
  } else if (path.rfind("emails[", 0) == 0) {
    // emails[type eq "work"].value, emails[primary eq true].value
    const auto close = path.find(']');
    if (close == std::string::npos ||
        (path.substr(close) != "]" && path.substr(close) != "].value"))
      refuse("invalidPath", "okr cannot follow the path " + path);
    if (value) {
      if (value->is_string())
        f.email = std::string(value->as_string());
      else
        f.email = email_of(json::array{*value});
    }
  } else if (path == "schemas" || path == "id" || path == "meta" || path == "password" ||
             path.rfind("urn:", 0) == 0 || path == "title" || path == "locale" ||
             path == "preferredlanguage" || path == "nickname" || path == "timezone" ||
             path == "usertype" || path == "profileurl" || path.rfind("phonenumbers", 0) == 0 ||
             path.rfind("addresses", 0) == 0 || path.rfind("name.", 0) == 0 || path == "groups" ||
             path == "roles" || path == "entitlements" || path == "x509certificates" ||
             path == "ims" || path == "photos") {
    // Kept by the provider, not by okr.
  } else {
    refuse("invalidPath", "okr knows no User attribute '" + path + "'");
  }
}

std::vector<std::string> member_ids(const json::value& v) {
  std::vector<std::string> out;
  auto one = [&](const json::value& m) {
    if (!m.is_object()) refuse("invalidValue", "each member must be an object with a value");
    const auto* id = m.as_object().if_contains("value");
    if (!id) refuse("invalidValue", "each member needs a value (a user's id)");
    out.push_back(text_of(*id, "members.value"));
  };
  if (v.is_array()) {
    for (const auto& m : v.as_array()) one(m);
  } else {
    one(v);
  }
  return out;
}

void set_group_attribute(app::ScimGroupFields& f, const std::string& op, const std::string& path,
                         const json::value* value) {
  if (path == "displayname") {
    if (!value) refuse("mutability", "displayName cannot be removed");
    f.display_name = text_of(*value, "displayName");
  } else if (path == "externalid") {
    f.external_id = value ? text_of(*value, "externalId") : std::string();
  } else if (path == "members") {
    if (op == "remove") {
      if (!value)
        f.remove_all = true;
      else
        for (auto& id : member_ids(*value)) f.remove.push_back(std::move(id));
    } else if (op == "add") {
      for (auto& id : member_ids(*value)) f.add.push_back(std::move(id));
    } else {
      f.members = member_ids(*value);
      f.add.clear();
      f.remove.clear();
      f.remove_all = false;
    }
  } else if (path.rfind("members[", 0) == 0) {
    // members[value eq "12"]: Okta's and Entra's way to remove one member.
    const std::string rest = path.substr(8);
    const auto close = rest.rfind(']');
    if (op != "remove" || close == std::string::npos || close + 1 != rest.size())
      refuse("invalidPath", "okr follows members[value eq \"ID\"] only to remove a member");
    auto filter = parse_filter(rest.substr(0, close), {"value"});
    f.remove.push_back(filter.value);
  } else if (path == "schemas" || path == "id" || path == "meta" || path.rfind("urn:", 0) == 0) {
    // Not okr's to change.
  } else {
    refuse("invalidPath", "okr knows no Group attribute '" + path + "'");
  }
}

struct Operation {
  std::string op;    // add, replace, remove
  std::string path;  // lower-cased; empty: the value is an object of attributes
  const json::value* value = nullptr;
};

// The operations of a PatchOp, checked.
std::vector<Operation> operations(const json::object& body) {
  if (const auto* s = body.if_contains("schemas")) {
    bool patch = s->is_array() &&
                 std::any_of(s->as_array().begin(), s->as_array().end(), [](const json::value& v) {
                   return v.is_string() && v.as_string() == kPatchSchema;
                 });
    if (!patch)
      refuse("invalidSyntax", "a PATCH body's schemas must name " + std::string(kPatchSchema));
  }
  const json::value* ops = nullptr;
  for (const auto& [k, v] : body)
    if (lower(k) == "operations") ops = &v;
  if (!ops || !ops->is_array() || ops->as_array().empty())
    refuse("invalidSyntax", "a PATCH body needs Operations: an array of operations");
  if (ops->as_array().size() > 1000) refuse("tooMany", "at most 1000 operations at once");
  std::vector<Operation> out;
  for (const auto& o : ops->as_array()) {
    if (!o.is_object()) refuse("invalidSyntax", "each operation must be an object");
    Operation op;
    for (const auto& [k, v] : o.as_object()) {
      const auto key = lower(k);
      if (key == "op")
        op.op = lower(text_of(v, "op"));
      else if (key == "path")
        op.path = lower(text_of(v, "path"));
      else if (key == "value")
        op.value = &v;
    }
    if (op.op != "add" && op.op != "replace" && op.op != "remove")
      refuse("invalidSyntax", "op must be add, replace or remove, not '" + op.op + "'");
    if (op.op != "remove" && !op.value)
      refuse("invalidValue", "an " + op.op + " operation needs a value");
    if (op.path.empty() && op.op == "remove") refuse("noTarget", "a remove operation needs a path");
    if (op.path.empty() && !op.value->is_object())
      refuse("invalidValue", "an operation without a path needs an object as its value");
    if (op.op == "remove" && op.value && op.value->is_null()) op.value = nullptr;
    out.push_back(op);
  }
  return out;
}

// A path as given, with the core schema's URN prefix taken off
// ("urn:ietf:params:scim:schemas:core:2.0:User:userName" → "username").
std::string plain_path(std::string path) {
  for (std::string_view schema : {kUserSchema, kGroupSchema}) {
    const std::string prefix = lower(schema) + ":";
    if (path.rfind(prefix, 0) == 0) return path.substr(prefix.size());
  }
  return path;
}

std::string meta_time(const Instant& at) {
  return at == Instant{} ? std::string() : format_instant(at);
}

json::object meta(std::string_view type, const std::string& location, const Instant& created,
                  const Instant& modified) {
  json::object m{{"resourceType", type}, {"location", location}};
  if (created != Instant{}) m["created"] = meta_time(created);
  if (modified != Instant{}) m["lastModified"] = meta_time(modified);
  return m;
}

json::object attribute(std::string_view name, std::string_view type, bool multi, bool required,
                       std::string_view mutability = "readWrite",
                       std::string_view uniqueness = "none") {
  return {{"name", name},          {"type", type},
          {"multiValued", multi},  {"required", required},
          {"caseExact", false},    {"mutability", mutability},
          {"returned", "default"}, {"uniqueness", uniqueness}};
}

}  // namespace

Response error_response(int status, std::string_view scim_type, std::string_view detail) {
  json::object body{{"schemas", json::array{"urn:ietf:params:scim:api:messages:2.0:Error"}},
                    {"status", std::to_string(status)},
                    {"detail", detail}};
  if (!scim_type.empty()) body["scimType"] = scim_type;
  auto r = document(status, body);
  if (status == 401) r.headers.set("WWW-Authenticate", "Bearer realm=\"okr SCIM\"");
  return r;
}

Response error_of(const Error& e) {
  switch (e.code) {
    case ErrorCode::not_found:
      return error_response(404, "", e.message);
    case ErrorCode::conflict:
      return error_response(409, e.field == "version" ? "" : "uniqueness", e.message);
    case ErrorCode::forbidden:
      return error_response(403, "", e.message);
    case ErrorCode::unauthenticated:
      return error_response(401, "", e.message);
    case ErrorCode::busy:
    case ErrorCode::unavailable:
      return error_response(503, "", e.message);
    case ErrorCode::io:
    case ErrorCode::internal: {
      auto r = error_response(500, "", "something went wrong inside okr");
      r.log_detail = e.message;
      return r;
    }
    case ErrorCode::invalid:
      break;
  }
  return error_response(400, "invalidValue", e.message);
}

Response document(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/scim+json; charset=utf-8");
  r.body = formats::to_text(body);
  return r;
}

app::ScimFilter parse_filter(std::string_view text,
                             std::initializer_list<std::string_view> attributes) {
  // attribute SP "eq" SP "value" (the value a JSON string)
  auto bad = [&]() -> app::ScimFilter {
    std::string names;
    for (auto a : attributes) names += (names.empty() ? "" : ", ") + std::string(a);
    throw Refusal{400, "invalidFilter",
                  "okr answers filters of the form ATTRIBUTE eq \"VALUE\" on " + names +
                      " only, not: " + std::string(text.substr(0, 200))};
  };
  std::string_view s = text;
  auto trim = [](std::string_view v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  };
  s = trim(s);
  const auto space = s.find(' ');
  if (space == std::string_view::npos || s.size() > 1000) return bad();
  const std::string attr = lower(s.substr(0, space));
  std::string_view rest = trim(s.substr(space));
  if (rest.size() < 4 || lower(rest.substr(0, 3)) != "eq ") return bad();
  rest = trim(rest.substr(3));
  if (std::find_if(attributes.begin(), attributes.end(),
                   [&](std::string_view a) { return lower(a) == attr; }) == attributes.end())
    return bad();
  json::value v;
  try {
    v = json::parse(rest);
  } catch (const std::exception&) {
    return bad();
  }
  if (v.is_string()) return {attr, std::string(v.as_string())};
  if (v.is_bool() || v.is_number()) return {attr, formats::to_text(v)};
  return bad();
}

app::ScimPersonFields person_fields(const json::object& body) {
  app::ScimPersonFields f;
  for (const auto& [k, v] : body) {
    const std::string key = lower(k);
    if (key == lower(kEnterpriseSchema)) continue;
    set_person_attribute(f, key, &v);
  }
  return f;
}

app::ScimPersonFields person_patch(const json::object& body) {
  app::ScimPersonFields f;
  for (const auto& op : operations(body)) {
    if (op.path.empty()) {
      // Entra: {"op":"Replace","value":{"active":false,"name.givenName":"Ann"}}
      for (const auto& [k, v] : op.value->as_object())
        set_person_attribute(f, plain_path(lower(k)), &v);
    } else {
      set_person_attribute(f, plain_path(op.path), op.value);
    }
  }
  return f;
}

app::ScimGroupFields group_fields(const json::object& body) {
  app::ScimGroupFields f;
  for (const auto& [k, v] : body) set_group_attribute(f, "replace", lower(k), &v);
  return f;
}

app::ScimGroupFields group_patch(const json::object& body) {
  app::ScimGroupFields f;
  for (const auto& op : operations(body)) {
    if (op.path.empty()) {
      for (const auto& [k, v] : op.value->as_object())
        set_group_attribute(f, op.op, plain_path(lower(k)), &v);
    } else {
      set_group_attribute(f, op.op, plain_path(op.path), op.value);
    }
  }
  return f;
}

json::object person_json(const app::ScimPerson& p, const std::string& base) {
  const std::string id = std::to_string(p.user.id);
  json::object name{{"formatted", p.user.name}};
  if (!p.scim.given_name.empty()) name["givenName"] = p.scim.given_name;
  if (!p.scim.family_name.empty()) name["familyName"] = p.scim.family_name;
  json::array groups;
  for (const auto& g : p.groups)
    groups.push_back(json::object{{"value", std::to_string(g.id)},
                                  {"display", g.display_name},
                                  {"$ref", base + "/Groups/" + std::to_string(g.id)}});
  json::object o{
      {"schemas", json::array{kUserSchema}},
      {"id", id},
      {"userName", p.user.email},
      {"name", std::move(name)},
      {"displayName", p.user.name},
      {"emails",
       json::array{json::object{{"value", p.user.email}, {"type", "work"}, {"primary", true}}}},
      {"active", !p.user.disabled},
      {"groups", std::move(groups)},
      {"meta", meta("User", base + "/Users/" + id, p.scim.created_at, p.scim.updated_at)}};
  if (!p.scim.external_id.empty()) o["externalId"] = p.scim.external_id;
  return o;
}

json::object group_json(const app::ScimTeamGroup& g, const std::string& base, bool members) {
  const std::string id = std::to_string(g.group.id);
  json::object o{
      {"schemas", json::array{kGroupSchema}},
      {"id", id},
      {"displayName", g.group.display_name},
      {"meta", meta("Group", base + "/Groups/" + id, g.group.created_at, g.group.updated_at)}};
  if (!g.group.external_id.empty()) o["externalId"] = g.group.external_id;
  if (members) {
    json::array list;
    for (const auto& u : g.members)
      list.push_back(json::object{{"value", std::to_string(u.id)},
                                  {"display", u.email},
                                  {"$ref", base + "/Users/" + std::to_string(u.id)}});
    o["members"] = std::move(list);
  }
  return o;
}

json::object list_json(json::array resources, std::size_t total, std::size_t start) {
  const auto count = resources.size();
  return {{"schemas", json::array{"urn:ietf:params:scim:api:messages:2.0:ListResponse"}},
          {"totalResults", total},
          {"startIndex", start},
          {"itemsPerPage", count},
          {"Resources", std::move(resources)}};
}

json::object service_provider_config(const std::string& base) {
  return {{"schemas", json::array{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"}},
          {"documentationUri", "https://github.com/okr/okr/blob/main/docs/sso.md"},
          {"patch", json::object{{"supported", true}}},
          {"bulk", json::object{{"supported", false}, {"maxOperations", 0}, {"maxPayloadSize", 0}}},
          {"filter", json::object{{"supported", true}, {"maxResults", 200}}},
          {"changePassword", json::object{{"supported", false}}},
          {"sort", json::object{{"supported", false}}},
          {"etag", json::object{{"supported", false}}},
          {"authenticationSchemes",
           json::array{json::object{{"type", "oauthbearertoken"},
                                    {"name", "OAuth Bearer Token"},
                                    {"description", "A SCIM token made with okr scim token create"},
                                    {"primary", true}}}},
          {"meta", json::object{{"resourceType", "ServiceProviderConfig"},
                                {"location", base + "/ServiceProviderConfig"}}}};
}

json::array schemas() {
  json::object name_attr = attribute("name", "complex", false, false);
  name_attr["subAttributes"] = json::array{attribute("formatted", "string", false, false),
                                           attribute("givenName", "string", false, false),
                                           attribute("familyName", "string", false, false)};
  json::object emails = attribute("emails", "complex", true, false);
  emails["subAttributes"] = json::array{attribute("value", "string", false, false),
                                        attribute("type", "string", false, false),
                                        attribute("primary", "boolean", false, false)};
  json::object user_groups = attribute("groups", "complex", true, false, "readOnly");
  user_groups["subAttributes"] =
      json::array{attribute("value", "string", false, false, "readOnly"),
                  attribute("display", "string", false, false, "readOnly")};
  json::object members = attribute("members", "complex", true, false);
  members["subAttributes"] = json::array{attribute("value", "string", false, false, "immutable"),
                                         attribute("display", "string", false, false, "readOnly")};
  auto schema = [](std::string_view id, std::string_view name, json::array attributes) {
    return json::object{
        {"schemas", json::array{"urn:ietf:params:scim:schemas:core:2.0:Schema"}},
        {"id", id},
        {"name", name},
        {"attributes", std::move(attributes)},
        {"meta", json::object{{"resourceType", "Schema"},
                              {"location", "/scim/v2/Schemas/" + std::string(id)}}}};
  };
  return json::array{
      schema(kUserSchema, "User",
             json::array{attribute("userName", "string", false, true, "readWrite", "server"),
                         std::move(name_attr), attribute("displayName", "string", false, false),
                         std::move(emails), attribute("active", "boolean", false, false),
                         attribute("externalId", "string", false, false), std::move(user_groups)}),
      schema(kGroupSchema, "Group",
             json::array{attribute("displayName", "string", false, true, "readWrite", "server"),
                         attribute("externalId", "string", false, false), std::move(members)}),
  };
}

json::array resource_types(const std::string& base) {
  auto type = [&](std::string_view name, std::string_view endpoint, std::string_view schema) {
    return json::object{
        {"schemas", json::array{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}},
        {"id", name},
        {"name", name},
        {"endpoint", endpoint},
        {"schema", schema},
        {"meta", json::object{{"resourceType", "ResourceType"},
                              {"location", base + "/ResourceTypes/" + std::string(name)}}}};
  };
  auto user = type("User", "/Users", kUserSchema);
  user["schemaExtensions"] =
      json::array{json::object{{"schema", kEnterpriseSchema}, {"required", false}}};
  return json::array{std::move(user), type("Group", "/Groups", kGroupSchema)};
}

}  // namespace okr::http::scim
