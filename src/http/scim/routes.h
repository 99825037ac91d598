// SCIM 2.0 (RFC 7643/7644) at /scim/v2: Users, Groups, and the discovery documents
// (ServiceProviderConfig, Schemas, ResourceTypes), for identity providers that
// provision people into okr (Okta, Entra ID, ...). Every request bears a SCIM token
// (app/scim.h); API tokens and sessions are refused here, as SCIM tokens are on the API.
// Answers are application/scim+json; refusals are SCIM error documents
// (urn:ietf:params:scim:api:messages:2.0:Error), never the API's problem documents.
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace okr::http {

void add_scim_routes(Router& router, app::App& app);

}  // namespace okr::http
