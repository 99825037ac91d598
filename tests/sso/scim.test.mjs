// SCIM 2.0 at /scim/v2 against a real `okr serve`: the request sequences Okta and Entra ID
// send (look-up by filter, create, replace, deactivate, group membership), RFC 7644
// error bodies, hostile input refused with a 4xx that changes nothing, deprovisioning
// that ends a live session, and a groups claim at OpenID Connect sign-in mapped to a
// team and role.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { startServer, okr } from "../e2e/harness.mjs";
import { startScriptedProvider, defaultToken } from "./providers.mjs";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

let server, scripted, token, admin;
// The server's first round of reminders, a few seconds after it starts, takes its lease
// (a write): it waits an hour here, so that a dump taken around refused requests shows
// only what they did.
process.env.OKR_MAIL_FIRST_SCHEDULE_MS = "3600000";

/** A SCIM request with the provider's token; the status and parsed body. */
async function scim(method, path, body, { auth = `Bearer ${token}`, type = "application/scim+json", raw } = {}) {
  const headers = { Accept: "application/scim+json" };
  if (auth) headers.Authorization = auth;
  if (body !== undefined || raw !== undefined) headers["Content-Type"] = type;
  const r = await fetch(server.base + "/scim/v2" + path, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await r.text();
  return { status: r.status, type: r.headers.get("content-type") ?? "", body: text ? JSON.parse(text) : null };
}

function dump() {
  return execFileSync("sqlite3", [server.db, ".dump"]).toString();
}

function assertError(r, status, scimType) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.match(r.type, /^application\/scim\+json/);
  assert.deepEqual(r.body.schemas, [ERROR]);
  assert.equal(r.body.status, String(status));
  assert.equal(typeof r.body.detail, "string");
  if (scimType) assert.equal(r.body.scimType, scimType);
}

/** Signs in through the scripted provider as `who` (extra claims); the session cookie or null. */
async function signIn(who) {
  scripted.setNext((c, k) => defaultToken({ ...c, ...who }, k));
  const start = await fetch(server.base + "/sso/scripted/start", { redirect: "manual" });
  const loginCookie = start.headers.get("set-cookie").split(";")[0];
  const back = await fetch(start.headers.get("location"), { redirect: "manual" });
  const answer = await fetch(back.headers.get("location"), { redirect: "manual", headers: { Cookie: loginCookie } });
  const m = (answer.headers.get("set-cookie") ?? "").match(/okr_session=([^;]+)/);
  return m && m[1] ? `okr_session=${m[1]}` : null;
}

before(async () => {
  server = await startServer("empty");
  scripted = await startScriptedProvider({ clientId: "okr-scripted", clientSecret: "scripted-secret" });
  const secretFile = join(dirname(server.db), "client-secret");
  writeFileSync(secretFile, "scripted-secret\n");
  okr(server.db, ["sso", "add", "scripted", "--issuer", scripted.issuer, "--client-id", "okr-scripted", "--client-secret-file", secretFile]);
  token = okr(server.db, ["scim", "token", "create", "okta"]).trim();
  assert.match(token, /^okr_scim_/);
  const signInAdmin = await fetch(server.base + "/api/v1/session", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "admin@example.com", password: "first-run-password" }) });
  const cookie = signInAdmin.headers.get("set-cookie").match(/okr_session=[^;]+/)[0];
  const { csrf_token } = await signInAdmin.json();
  admin = { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json" };
  for (const key of ["growth", "platform"]) {
    const r = await fetch(server.base + "/api/v1/teams", { method: "POST", headers: admin, body: JSON.stringify({ key }) });
    assert.equal(r.status, 201, await r.text());
  }
});

after(async () => {
  await scripted?.stop();
  const log = server?.log() ?? "";
  await server?.stop();
  assert.ok(!log.includes(token), "the SCIM token never reaches the log");
});

test("discovery: ServiceProviderConfig, Schemas and ResourceTypes", async () => {
  const config = await scim("GET", "/ServiceProviderConfig");
  assert.equal(config.status, 200);
  assert.match(config.type, /^application\/scim\+json/);
  assert.equal(config.body.patch.supported, true);
  assert.equal(config.body.filter.supported, true);
  const schemas = await scim("GET", "/Schemas");
  assert.deepEqual(schemas.body.Resources.map((s) => s.id).sort(), [GROUP, USER]);
  const types = await scim("GET", "/ResourceTypes");
  assert.deepEqual(types.body.Resources.map((t) => t.endpoint).sort(), ["/Groups", "/Users"]);
  assert.equal((await scim("GET", "/ResourceTypes/User")).body.schema, USER);
});

test("Okta: look up, create, replace, deactivate; a group's members pushed and removed", async () => {
  okr(server.db, ["sso", "map", "add", "okr-growth", "--team", "growth", "--role", "member"]);
  const none = await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "ann@corp.example"')}&startIndex=1&count=100`);
  assert.equal(none.status, 200);
  assert.equal(none.body.totalResults, 0);
  assert.deepEqual(none.body.Resources, []);
  const created = await scim("POST", "/Users", {
    schemas: [USER], userName: "ann@corp.example", name: { givenName: "Ann", familyName: "Lee" },
    emails: [{ primary: true, value: "ann@corp.example", type: "work" }], displayName: "Ann Lee",
    locale: "en-US", externalId: "00u1ann", groups: [], password: "ignored-by-okr", active: true,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal(created.body.userName, "ann@corp.example");
  assert.equal(created.body.active, true);
  assert.equal(created.body.externalId, "00u1ann");
  assert.equal(created.body.meta.resourceType, "User");
  assert.ok(created.body.meta.location.endsWith(`/scim/v2/Users/${id}`));
  assertError(await scim("POST", "/Users", { schemas: [USER], userName: "ann@corp.example" }), 409, "uniqueness");

  const found = await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "ANN@corp.example"')}`);
  assert.equal(found.body.totalResults, 1);
  assert.equal(found.body.Resources[0].id, id);
  const replaced = await scim("PUT", `/Users/${id}`, {
    schemas: [USER], id, userName: "ann@corp.example", name: { givenName: "Ann", familyName: "Lee-Park" },
    emails: [{ primary: true, value: "ann@corp.example", type: "work" }], active: true, externalId: "00u1ann",
  });
  assert.equal(replaced.status, 200);
  assert.equal(replaced.body.name.familyName, "Lee-Park");
  assert.equal(replaced.body.displayName, "Ann Lee-Park");

  const group = await scim("POST", "/Groups", { schemas: [GROUP], displayName: "okr-growth", members: [] });
  assert.equal(group.status, 201);
  const gid = group.body.id;
  const add = await scim("PATCH", `/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: id, display: "ann@corp.example" }] }] });
  assert.equal(add.status, 204);
  assert.deepEqual((await scim("GET", `/Groups/${gid}`)).body.members.map((m) => m.value), [id]);
  assert.match(okr(server.db, ["sso", "access", "ann@corp.example"]), /growth\s+member\s+mapped: okr-growth/);
  const teamPage = await (await fetch(server.base + "/api/v1/teams/growth", { headers: admin })).json();
  assert.equal(teamPage.members.find((m) => m.email === "ann@corp.example").mapped_from, "okr-growth");
  const rename = await scim("PATCH", `/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: "replace", value: { id: gid, displayName: "okr-growth-team" } }] });
  assert.equal(rename.status, 204);
  assert.doesNotMatch(okr(server.db, ["sso", "access", "ann@corp.example"]), /growth/);
  await scim("PATCH", `/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: "replace", value: { id: gid, displayName: "okr-growth" } }] });
  assert.match(okr(server.db, ["sso", "access", "ann@corp.example"]), /growth/);
  const remove = await scim("PATCH", `/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${id}"]` }] });
  assert.equal(remove.status, 204);
  assert.deepEqual((await scim("GET", `/Groups/${gid}`)).body.members, []);
  assert.doesNotMatch(okr(server.db, ["sso", "access", "ann@corp.example"]), /growth/);

  const off = await scim("PATCH", `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: "replace", value: { active: false } }] });
  assert.equal(off.status, 200);
  assert.equal(off.body.active, false);
  const still = await scim("GET", `/Users/${id}`);
  assert.equal(still.status, 200, "a deactivated user is kept");
  assert.equal(still.body.active, false);
});

test("Entra ID: capitalised ops, \"False\" as a string, emails[type eq \"work\"].value, the enterprise extension", async () => {
  const lookup = await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "ben@corp.example"')}`);
  assert.equal(lookup.body.totalResults, 0);
  const created = await scim("POST", "/Users", {
    schemas: [USER, ENTERPRISE], externalId: "ben-object-id", userName: "ben@corp.example", active: true,
    displayName: "Ben Ode", emails: [{ primary: true, type: "work", value: "ben@corp.example" }],
    meta: { resourceType: "User" }, name: { formatted: "Ben Ode", familyName: "Ode", givenName: "Ben" },
    roles: [], [ENTERPRISE]: { department: "Sales", manager: { value: "x" } },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const byExternal = await scim("GET", `/Users?filter=${encodeURIComponent('externalId eq "ben-object-id"')}`);
  assert.equal(byExternal.body.Resources[0].id, id);
  const patched = await scim("PATCH", `/Users/${id}`, { schemas: [PATCH], Operations: [
    { op: "Replace", path: 'emails[type eq "work"].value', value: "ben.ode@corp.example" },
    { op: "Replace", path: "name.familyName", value: "Odegaard" },
    { op: "Add", path: `${ENTERPRISE}:department`, value: "Marketing" },
    { op: "Replace", value: { displayName: "Ben Odegaard", "name.givenName": "Benjamin" } },
  ] });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.name.familyName, "Odegaard");
  assert.equal(patched.body.name.givenName, "Benjamin");
  assert.equal(patched.body.displayName, "Ben Odegaard");
  // userName is the e-mail okr signs Ben in with; the work e-mail follows it only when userName is not one.
  assert.equal(patched.body.userName, "ben@corp.example");

  const groups = await scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Platform Engineers"')}`);
  assert.equal(groups.body.totalResults, 0);
  const group = await scim("POST", "/Groups", { schemas: [GROUP], externalId: "grp-object-id", displayName: "Platform Engineers", members: [] });
  assert.equal(group.status, 201);
  okr(server.db, ["sso", "map", "add", "Platform Engineers", "--team", "platform", "--role", "lead"]);
  const add = await scim("PATCH", `/Groups/${group.body.id}`, { schemas: [PATCH], Operations: [{ op: "Add", path: "members", value: [{ value: id }] }] });
  assert.equal(add.status, 204);
  assert.match(okr(server.db, ["sso", "access", "ben@corp.example"]), /platform\s+lead\s+mapped: Platform Engineers/);
  const listed = await scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Platform Engineers"')}`);
  assert.equal(listed.body.totalResults, 1);
  assert.equal(listed.body.Resources[0].members, undefined);
  const remove = await scim("PATCH", `/Groups/${group.body.id}`, { schemas: [PATCH], Operations: [{ op: "Remove", path: "members", value: [{ value: id }] }] });
  assert.equal(remove.status, 204);
  assert.doesNotMatch(okr(server.db, ["sso", "access", "ben@corp.example"]), /platform/);

  const off = await scim("PATCH", `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "active", value: "False" }] });
  assert.equal(off.status, 200);
  assert.equal(off.body.active, false);
  assert.equal((await scim("DELETE", `/Users/${id}`)).status, 204);
  assert.equal((await scim("GET", `/Users/${id}`)).body.active, false, "DELETE deactivates; nothing is deleted");
});

test("paging: startIndex and count", async () => {
  const all = await scim("GET", "/Users");
  assert.ok(all.body.totalResults >= 3);
  const page = await scim("GET", "/Users?startIndex=2&count=1");
  assert.equal(page.body.totalResults, all.body.totalResults);
  assert.equal(page.body.startIndex, 2);
  assert.equal(page.body.itemsPerPage, 1);
  assert.equal(page.body.Resources[0].id, all.body.Resources[1].id);
  assert.equal((await scim("GET", "/Users?count=0")).body.Resources.length, 0);
});

test("deprovisioning ends a live session at once", async () => {
  const created = await scim("POST", "/Users", { schemas: [USER], userName: "cleo@corp.example", name: { givenName: "Cleo", familyName: "Ng" }, active: true });
  assert.equal(created.status, 201);
  const cookie = await signIn({ sub: "cleo-sub", email: "cleo@corp.example", name: "Cleo Ng" });
  assert.ok(cookie);
  assert.equal((await fetch(server.base + "/api/v1/session", { headers: { Cookie: cookie } })).status, 200);
  const off = await scim("PATCH", `/Users/${created.body.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }] });
  assert.equal(off.status, 200);
  assert.equal((await fetch(server.base + "/api/v1/session", { headers: { Cookie: cookie } })).status, 401);
  assert.equal(await signIn({ sub: "cleo-sub", email: "cleo@corp.example" }), null, "a deactivated person cannot sign in");
});

test("a groups claim at sign-in maps to teams and roles; a manual role stays", async () => {
  okr(server.db, ["sso", "map", "add", "okr-leads", "--team", "growth", "--role", "lead"]);
  okr(server.db, ["sso", "map", "add", "okr-admins", "--role", "admin"]);
  assert.match(okr(server.db, ["sso", "map", "list"]), /okr-admins\s+-\s+admin/);
  const cookie = await signIn({ sub: "dev-sub", email: "dev@corp.example", name: "Dev Rao", groups: ["okr-leads", "okr-admins"] });
  const session = await (await fetch(server.base + "/api/v1/session", { headers: { Cookie: cookie } })).json();
  assert.equal(session.user.admin, true);
  okr(server.db, ["team", "add-member", "platform", "dev@corp.example", "--role", "viewer"]);
  let access = okr(server.db, ["sso", "access", "dev@corp.example"]);
  assert.match(access, /admin\s+mapped: okr-admins/);
  assert.match(access, /growth\s+lead\s+mapped: okr-leads/);
  assert.match(access, /platform\s+viewer\s+manual/);
  const platform = await (await fetch(server.base + "/api/v1/teams/platform", { headers: admin })).json();
  assert.equal(platform.members.find((m) => m.email === "dev@corp.example").mapped_from, undefined, "a manual membership is shown as such");
  const growth = await (await fetch(server.base + "/api/v1/teams/growth", { headers: admin })).json();
  assert.equal(growth.members.find((m) => m.email === "dev@corp.example").mapped_from, "okr-leads");
  // The next sign-in's claim replaces the groups: mapped roles go, the manual one stays.
  await signIn({ sub: "dev-sub", email: "dev@corp.example", groups: [] });
  access = okr(server.db, ["sso", "access", "dev@corp.example"]);
  assert.doesNotMatch(access, /admin|growth/);
  assert.match(access, /platform\s+viewer\s+manual/);
});

test("hostile input to every SCIM endpoint gets a 4xx SCIM error and changes nothing", async () => {
  const apiToken = okr(server.db, ["token", "create", "--user", "admin@example.com", "--name", "script"]).trim();
  const user = (await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "ann@corp.example"')}`)).body.Resources[0];
  const group = (await scim("GET", `/Groups?filter=${encodeURIComponent('displayName eq "okr-growth"')}`)).body.Resources[0];
  const before = dump();
  const endpoints = [["GET", "/Users"], ["POST", "/Users"], ["GET", `/Users/${user.id}`], ["PUT", `/Users/${user.id}`], ["PATCH", `/Users/${user.id}`],
    ["DELETE", `/Users/${user.id}`], ["GET", "/Groups"], ["POST", "/Groups"], ["GET", `/Groups/${group.id}`], ["PUT", `/Groups/${group.id}`],
    ["PATCH", `/Groups/${group.id}`], ["DELETE", `/Groups/${group.id}`], ["GET", "/ServiceProviderConfig"], ["GET", "/Schemas"], ["GET", "/ResourceTypes"]];
  for (const [method, path] of endpoints) {
    const body = ["POST", "PUT", "PATCH"].includes(method) ? {} : undefined;
    for (const auth of [null, "Bearer okr_scim_forged", `Bearer ${apiToken}`, "Basic YTpi", `bearer ${token}x`]) {
      const r = await scim(method, path, body, { auth });
      assertError(r, 401);
    }
  }
  const cases = [
    ["GET", `/Users?filter=${encodeURIComponent('userName co "ann"')}`, undefined, 400, "invalidFilter"],
    ["GET", `/Users?filter=${encodeURIComponent('password eq "x"')}`, undefined, 400, "invalidFilter"],
    ["GET", `/Users?filter=${encodeURIComponent('userName eq ann')}`, undefined, 400, "invalidFilter"],
    ["GET", "/Users?startIndex=abc", undefined, 400, "invalidValue"],
    ["GET", "/Users?count=1e9", undefined, 400, "invalidValue"],
    ["GET", "/Users/999999", undefined, 404],
    ["GET", "/Users/1%20OR%201=1", undefined, 404],
    ["GET", "/Groups/999999", undefined, 404],
    ["GET", `/Groups?filter=${encodeURIComponent('members eq "1"')}`, undefined, 400, "invalidFilter"],
    ["POST", "/Users", { schemas: [USER] }, 400, "invalidValue"],
    ["POST", "/Users", { schemas: [USER], userName: 42 }, 400, "invalidValue"],
    ["POST", "/Users", { schemas: [USER], userName: "not an address" }, 400, "invalidValue"],
    ["POST", "/Users", { schemas: [USER], userName: "eve@corp.example", active: "maybe" }, 400, "invalidValue"],
    ["POST", "/Users", { schemas: [USER], userName: "eve@corp.example", name: "Eve" }, 400, "invalidValue"],
    ["POST", "/Users", { schemas: [USER], userName: "eve@corp.example", name: { givenName: "E\u0001" } }, 400, "invalidValue"],
    ["POST", "/Users", { schemas: [USER], userName: "eve@corp.example", emails: "eve@corp.example" }, 400, "invalidValue"],
    ["POST", "/Users", { schemas: [USER], userName: "eve@corp.example", surprise: 1 }, 400, "invalidPath"],
    ["POST", "/Users", { schemas: [USER], userName: "ann@corp.example" }, 409, "uniqueness"],
    ["PUT", `/Users/${user.id}`, { schemas: [USER] }, 400, "invalidValue"],
    ["PUT", "/Users/999999", { schemas: [USER], userName: "x@corp.example" }, 404],
    ["PATCH", `/Users/${user.id}`, { schemas: [PATCH] }, 400, "invalidSyntax"],
    ["PATCH", `/Users/${user.id}`, { schemas: [PATCH], Operations: [] }, 400, "invalidSyntax"],
    ["PATCH", `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: "move", path: "active", value: false }] }, 400, "invalidSyntax"],
    ["PATCH", `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active" }] }, 400, "invalidValue"],
    ["PATCH", `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "nickname]]", value: 1 }] }, 400, "invalidPath"],
    ["PATCH", `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }, { op: "replace", path: "userName", value: 7 }] }, 400, "invalidValue"],
    ["PATCH", `/Users/${user.id}`, { schemas: [USER], Operations: [{ op: "replace", path: "active", value: false }] }, 400, "invalidSyntax"],
    ["PATCH", `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: "remove" }] }, 400, "noTarget"],
    ["POST", "/Groups", { schemas: [GROUP] }, 400, "invalidValue"],
    ["POST", "/Groups", { schemas: [GROUP], displayName: "okr-growth" }, 409, "uniqueness"],
    ["POST", "/Groups", { schemas: [GROUP], displayName: "x".repeat(201) }, 400, "invalidValue"],
    ["POST", "/Groups", { schemas: [GROUP], displayName: "new", members: [{ value: "424242" }] }, 400, "invalidValue"],
    ["POST", "/Groups", { schemas: [GROUP], displayName: "new", members: ["1"] }, 400, "invalidValue"],
    ["PUT", `/Groups/${group.id}`, { schemas: [GROUP], displayName: "" }, 400, "invalidValue"],
    ["PATCH", `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: "424242" }] }] }, 400, "invalidValue"],
    ["PATCH", `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: `members[value eq "${user.id}"]`, value: [] }] }, 400, "invalidPath"],
    ["PATCH", `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "owner", value: "x" }] }, 400, "invalidPath"],
    ["PATCH", "/Groups/999999", { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [] }] }, 404],
    ["DELETE", "/Groups/999999", undefined, 404],
    ["DELETE", "/Users/abc", undefined, 404],
  ];
  for (const [method, path, body, status, scimType] of cases) {
    const r = await scim(method, path, body);
    assertError(r, status, scimType);
  }
  for (const raw of ["{", "[]", '{"userName":"a@corp.example","userName":"b@corp.example"}', "\"text\"", "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"]) {
    const r = await scim("POST", "/Users", undefined, { raw });
    assert.ok(r.status === 400, `${raw.slice(0, 40)}: ${r.status}`);
    assertError(r, 400);
  }
  assertError(await scim("GET", "/Elsewhere"), 404);
  assertError(await scim("POST", `/Users/${user.id}`, {}), 405);
  assertError(await scim("DELETE", "/Groups"), 405);
  assertError(await scim("PUT", "/ServiceProviderConfig", {}), 405);
  const wrongType = await scim("POST", "/Users", undefined, { raw: "userName=a", type: "application/x-www-form-urlencoded" });
  assertError(wrongType, 415);
  assert.equal(dump(), before, "no refused request changed the database");
});
