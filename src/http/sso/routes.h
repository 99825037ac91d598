// The browser's side of single sign-on: /sso/{name}/start sends the browser to the
// provider, /sso/{name}/callback takes it back, checks everything (oidc.h) and opens a
// session as a password sign-in does. Pages, not API: they answer with redirects and
// small HTML pages.
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace okr::http {

void add_sso_routes(Router& router, app::App& app);

}  // namespace okr::http
