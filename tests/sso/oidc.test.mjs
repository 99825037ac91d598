// Single sign-on with OpenID Connect against real providers on loopback: oidc-provider
// through Chromium, and a scripted provider whose id tokens break one rule at a time.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { startServer, startBrowser, newPage, okr, signIn, axeViolations } from "../e2e/harness.mjs";
import { startRealProvider, startScriptedProvider, defaultToken, keyPair, jose } from "./providers.mjs";

let server, browser, real, scripted, secretFile;
const clientSecret = "s3cret-for-the-okr-client-do-not-log";

function users() {
  return JSON.parse(okr(server.db, ["user", "list", "--format", "json"])).users;
}

before(async () => {
  server = await startServer("empty");
  secretFile = join(dirname(server.db), "client-secret");
  writeFileSync(secretFile, clientSecret + "\n");
  real = await startRealProvider({
    clientId: "okr-web",
    clientSecret,
    redirectUris: [`${server.base}/sso/corp/callback`],
    people: {
      dana: { email: "Dana@corp.example", email_verified: true, name: "Dana Real" },
      eve: { email: "eve@elsewhere.example", email_verified: true, name: "Eve Outside" },
      uma: { email: "uma@corp.example", email_verified: false, name: "Uma Unverified" },
    },
  });
  okr(server.db, ["sso", "add", "corp", "--issuer", real.issuer, "--client-id", "okr-web",
    "--client-secret-file", secretFile, "--display-name", "Corp ID", "--allow-domain", "corp.example"]);
  scripted = await startScriptedProvider({ clientId: "okr-scripted", clientSecret });
  process.env.OKR_TEST_SCRIPTED_SECRET = clientSecret;
  okr(server.db, ["sso", "add", "scripted", "--issuer", scripted.issuer, "--client-id", "okr-scripted",
    "--client-secret-env", "OKR_TEST_SCRIPTED_SECRET"]);
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await real?.stop();
  await scripted?.stop();
  const log = server?.log() ?? "";
  await server?.stop();
  assert.ok(!log.includes(clientSecret), "the client secret never reaches the log");
});

/** A page whose requests never leave this machine (the provider's page links a web font). */
async function loopbackPage() {
  const page = await newPage(browser.browser);
  await page.context().route((url) => !["127.0.0.1", "localhost"].includes(url.hostname), (r) => r.abort());
  return page;
}

async function signInAtRealProvider(page, login) {
  await page.goto(server.base + "/signin?next=/teams");
  await page.getByRole("link", { name: "Sign in with Corp ID" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await consent.waitFor({ timeout: 10_000 });
  await consent.click();
}

test("a person signs in through the provider in Chromium; the first sign-in creates the account", async () => {
  const page = await loopbackPage();
  const callbacks = [];
  page.on("request", (r) => { if (r.url().startsWith(server.base + "/sso/corp/callback")) callbacks.push(r.url()); });
  await signInAtRealProvider(page, "dana");
  await page.waitForURL((u) => u.pathname === "/teams");
  const session = await page.evaluate(async () => (await fetch("/api/v1/session")).json());
  assert.equal(session.user.email, "dana@corp.example");
  assert.equal(session.user.name, "Dana Real");
  assert.equal(session.user.admin, false);
  assert.equal(users().filter((u) => u.email === "dana@corp.example").length, 1);

  // The code and state came back once; the same callback again is refused and signs in nobody.
  assert.equal(callbacks.length, 1);
  const fresh = await loopbackPage();
  const cookies = await page.context().cookies();
  await fresh.context().addCookies(cookies.filter((c) => c.name === "okr_sso_login"));
  const replay = await fresh.goto(callbacks[0]);
  assert.equal(replay.status(), 400);
  assert.match(await fresh.locator("#reason").innerText(), /unknown or was used already|another browser|cookie is missing/);
  const replaySession = await fresh.evaluate(async () => (await fetch("/api/v1/session")).status);
  assert.equal(replaySession, 401);

  // A second sign-in finds the same account by the provider's subject.
  const again = await loopbackPage();
  await signInAtRealProvider(again, "dana");
  await again.waitForURL((u) => u.pathname === "/teams");
  assert.equal(users().filter((u) => u.email === "dana@corp.example").length, 1);
  await page.context().close();
  await fresh.context().close();
  await again.context().close();
});

test("an e-mail outside the allowed domains, or not verified, gets no account", async () => {
  const before = users().length;
  for (const [login, reason] of [["eve", /elsewhere\.example may not sign in/], ["uma", /has not verified/]]) {
    const page = await loopbackPage();
    const answers = [];
    page.on("response", (r) => { if (r.url().startsWith(server.base + "/sso/corp/callback")) answers.push(r.status()); });
    await signInAtRealProvider(page, login);
    await page.locator("#reason").waitFor();
    assert.match(await page.locator("#reason").innerText(), reason);
    assert.deepEqual(answers, [403]);
    await page.context().close();
  }
  assert.equal(users().length, before);
});

// ---- the scripted provider, played without a browser

/** Starts a sign-in, passes the provider, and opens the callback; the callback's answer. */
async function scriptedSignIn(next) {
  if (next) scripted.setNext(next);
  const start = await fetch(server.base + "/sso/scripted/start", { redirect: "manual" });
  assert.equal(start.status, 302);
  const loginCookie = start.headers.get("set-cookie").split(";")[0];
  const authorize = new URL(start.headers.get("location"));
  assert.equal(authorize.origin, scripted.issuer);
  assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
  assert.ok(authorize.searchParams.get("nonce").length >= 32);
  const back = await fetch(authorize, { redirect: "manual" });
  const callback = back.headers.get("location");
  const answer = await fetch(callback, { redirect: "manual", headers: { Cookie: loginCookie } });
  return { status: answer.status, text: unescape(await answer.text()), cookie: answer.headers.get("set-cookie") ?? "", callback, loginCookie };
}

/** A page's text with HTML's character references read back. */
function unescape(html) {
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function sessionCookie(setCookie) {
  const m = setCookie.match(/okr_session=([^;]+)/);
  return m && m[1] ? `okr_session=${m[1]}` : null;
}

test("a good id token signs in; the session cookie works for the API", async () => {
  const r = await scriptedSignIn();
  assert.equal(r.status, 200, r.text);
  const cookie = sessionCookie(r.cookie);
  assert.ok(cookie);
  assert.match(r.cookie, /SameSite=Strict/);
  const s = await (await fetch(server.base + "/api/v1/session", { headers: { Cookie: cookie } })).json();
  assert.equal(s.user.email, "casey@corp.example");
  const last = scripted.state.tokenRequests.at(-1);
  assert.equal(last.form.grant_type, "authorization_code");
  assert.equal(last.basic, `okr-scripted:${clientSecret}`);
});

const refusals = {
  "a wrong nonce": [(c, k) => defaultToken({ ...c, nonce: "not-the-nonce" }, k), /nonce/],
  "a wrong audience": [(c, k) => defaultToken({ ...c, aud: "someone-else" }, k), /another client/],
  "an expired token": [(c, k) => defaultToken({ ...c, iat: c.iat - 7200, exp: c.iat - 3600 }, k), /expired/],
  "a token issued in the future": [(c, k) => defaultToken({ ...c, iat: c.iat + 3600, exp: c.exp + 3600 }, k), /future/],
  "another issuer": [(c, k) => defaultToken({ ...c, iss: "http://127.0.0.1:1" }, k), /issued by someone else/],
  "a token signed by an unknown key": [async (c) => defaultToken(c, await keyPair("RS256", "stranger")), /key the provider does not list/],
  "a known kid on a token signed by another key": [async (c, k) => defaultToken(c, { ...(await keyPair("RS256", k.kid)) }), /signature/],
  "alg none": [(c, k) => {
    const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
    return `${enc({ alg: "none", kid: k.kid })}.${enc(c)}.`;
  }, /algorithm 'none'/],
  "HS256 keyed with the provider's public key": [async (c, k) => {
    const secret = new TextEncoder().encode(JSON.stringify(k.pub));
    return new jose.SignJWT(c).setProtectedHeader({ alg: "HS256", kid: k.kid }).sign(secret);
  }, /algorithm 'HS256'/],
  "a token without a nonce": [(c, k) => { const { nonce, ...rest } = c; return defaultToken(rest, k); }, /nonce/],
  "an unverified e-mail": [(c, k) => defaultToken({ ...c, sub: "new-person", email: "new@corp.example", email_verified: false }, k), /has not verified/],
};

for (const [name, [make, reason]] of Object.entries(refusals)) {
  test(`refused: ${name}`, async () => {
    const before = users().length;
    const r = await scriptedSignIn(make);
    assert.equal(r.status, 403, r.text);
    assert.match(r.text, reason);
    assert.equal(sessionCookie(r.cookie), null, "no session is opened");
    assert.equal(users().length, before, "no account is created");
  });
}

test("keys rotated at the provider are fetched again; ES256 is accepted", async () => {
  assert.equal((await scriptedSignIn()).status, 200);
  const fetches = scripted.state.jwksFetches;
  scripted.state.keys = [await keyPair("ES256", "rotated-es")];
  await new Promise((r) => setTimeout(r, 1100));
  const r = await scriptedSignIn();
  assert.equal(r.status, 200, r.text);
  assert.equal(scripted.state.jwksFetches, fetches + 1);
  // The new key is cached now: the next sign-in fetches nothing.
  assert.equal((await scriptedSignIn()).status, 200);
  assert.equal(scripted.state.jwksFetches, fetches + 1);
});

test("hostile callbacks and starts get a 4xx and sign in nobody", async () => {
  const before = users().length;
  // A replayed callback: its state was used up.
  const good = await scriptedSignIn();
  assert.equal(good.status, 200);
  const replay = await fetch(good.callback, { headers: { Cookie: good.loginCookie } });
  assert.equal(replay.status, 400);
  assert.match(await replay.text(), /unknown or was used already/);
  // Another browser (no login cookie, or a wrong one) cannot finish someone's sign-in.
  const start = await fetch(server.base + "/sso/scripted/start", { redirect: "manual" });
  const back = await fetch(start.headers.get("location"), { redirect: "manual" });
  const stolen = back.headers.get("location");
  assert.equal((await fetch(stolen)).status, 400);
  assert.equal((await fetch(stolen, { headers: { Cookie: "okr_sso_login=forged" } })).status, 400);
  // Those attempts took nothing away from the browser that started it.
  const rightful = await fetch(stolen, { headers: { Cookie: start.headers.get("set-cookie").split(";")[0] } });
  assert.equal(rightful.status, 200);
  const before2 = users().length;
  const cases = [
    ["/sso/nobody/start", 404],
    ["/sso/nobody/callback?state=x&code=y", 404],
    ["/sso/scripted/callback", 400],
    ["/sso/scripted/callback?state=" + "x".repeat(5000) + "&code=y", 400],
    ["/sso/scripted/callback?state=unknown&code=y", 400],
  ];
  for (const [path, status] of cases) {
    const r = await fetch(server.base + path, { headers: { Cookie: "okr_sso_login=whatever" } });
    assert.equal(r.status, status, path);
    assert.doesNotMatch(await r.text(), /<script/);
  }
  // An error the provider reports is shown, escaped.
  const s2 = await fetch(server.base + "/sso/scripted/start", { redirect: "manual" });
  const state = new URL(s2.headers.get("location")).searchParams.get("state");
  const err = await fetch(`${server.base}/sso/scripted/callback?state=${state}&error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E`,
    { headers: { Cookie: s2.headers.get("set-cookie").split(";")[0] } });
  assert.equal(err.status, 403);
  const text = await err.text();
  assert.match(text, /&lt;script&gt;/);
  assert.doesNotMatch(text, /<script>/);
  // Only a path of this site is a place to return to.
  const evil = await fetch(server.base + "/sso/scripted/start?next=//evil.example/x", { redirect: "manual" });
  const evilState = new URL(evil.headers.get("location")).searchParams.get("state");
  const evilBack = await fetch(new URL(evil.headers.get("location")), { redirect: "manual" });
  const done = await fetch(evilBack.headers.get("location"), { headers: { Cookie: evil.headers.get("set-cookie").split(";")[0] } });
  assert.ok(evilState);
  assert.equal(done.status, 200);
  assert.match(await done.text(), /url=\/"/);
  assert.equal(users().length, before2);
  assert.equal(before2, before, "the scripted person had an account already");
});

test("providers: anyone sees buttons, only administrators see more, nobody sees the secret", async () => {
  const anonymous = await (await fetch(server.base + "/api/v1/sso/providers")).json();
  assert.deepEqual(anonymous.items.map((p) => p.name), ["corp", "scripted"]);
  assert.deepEqual(Object.keys(anonymous.items[0]).sort(), ["display_name", "name", "start_url"]);
  const signIn = await fetch(server.base + "/api/v1/session", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "admin@example.com", password: "first-run-password" }) });
  const adminCookie = sessionCookie(signIn.headers.get("set-cookie"));
  const { csrf_token } = await signIn.json();
  const admin = { Cookie: adminCookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json" };
  const full = await (await fetch(server.base + "/api/v1/sso/providers", { headers: admin })).json();
  assert.equal(full.items[0].issuer, real.issuer);
  assert.deepEqual(full.items[0].allowed_domains, ["corp.example"]);
  assert.ok(!JSON.stringify(full).includes(clientSecret));
  assert.ok(!okr(server.db, ["sso", "list", "--format", "json"]).includes(clientSecret));

  const post = (body, headers = admin) => fetch(server.base + "/api/v1/sso/providers", { method: "POST", headers, body: JSON.stringify(body) });
  const good = { name: "okta", issuer: "https://corp.okta.example", client_id: "abc", client_secret: "xyz" };
  const bad = [
    [{ ...good, issuer: "http://corp.okta.example" }, 422, "issuer"],
    [{ ...good, issuer: "https://user@corp.okta.example" }, 422, "issuer"],
    [{ ...good, issuer: "javascript:alert(1)" }, 422, "issuer"],
    [{ ...good, name: "Okta Corp" }, 422, "name"],
    [{ ...good, name: "corp" }, 409, "name"],
    [{ ...good, client_secret: "" }, 422, "client_secret"],
    [{ ...good, allowed_domains: ["not a domain"] }, 422, "allowed_domains"],
    [{ ...good, allowed_domains: "corp.example" }, 422, "allowed_domains"],
    [{ ...good, surprise: 1 }, 422, "surprise"],
  ];
  for (const [body, status, field] of bad) {
    const r = await post(body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal((await r.json()).field, field);
  }
  assert.equal((await post(good, { "Content-Type": "application/json" })).status, 401);
  const noCsrf = { ...admin };
  delete noCsrf["X-CSRF-Token"];
  assert.equal((await post(good, noCsrf)).status, 403);
  const after = await (await fetch(server.base + "/api/v1/sso/providers")).json();
  assert.equal(after.items.length, 2, "no refused write added a provider");

  const created = await post(good);
  assert.equal(created.status, 201);
  assert.ok(!(await created.text()).includes("xyz"));
  const del = (name, headers = admin) => fetch(server.base + "/api/v1/sso/providers/" + name, { method: "DELETE", headers });
  assert.equal((await del("nobody")).status, 404);
  assert.equal((await del("okta", {})).status, 401);
  assert.equal((await del("okta")).status, 204);
});

test("a removed provider's button goes away; its people keep their accounts", async () => {
  okr(server.db, ["sso", "remove", "scripted"]);
  const list = await (await fetch(server.base + "/api/v1/sso/providers")).json();
  assert.deepEqual(list.items.map((p) => p.name), ["corp"]);
  assert.ok(users().some((u) => u.email === "casey@corp.example"));
  assert.equal((await fetch(server.base + "/sso/scripted/start", { redirect: "manual" })).status, 404);
});

test("an administrator adds and removes a provider in the browser; refusals name the field", async () => {
  const page = await loopbackPage();
  await signIn(page, server.base, { email: "admin@example.com", password: "first-run-password" });
  await page.goto(server.base + "/admin/sign-in");
  await page.getByRole("heading", { name: "Company sign-in" }).waitFor();
  await page.getByRole("cell", { name: real.issuer }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel("Name (in URLs: a–z, 0–9, -)").fill("entra");
  await page.getByLabel("Button text").fill("Contoso");
  await page.getByLabel("Issuer URL").fill("http://login.example/tenant/v2.0");
  await page.getByLabel("Client id").fill("okr-entra");
  await page.getByLabel("Client secret").fill("entra-secret-value");
  await page.getByRole("button", { name: "Add provider" }).click();
  await page.getByText("the issuer must be an https:// URL").waitFor();
  let list = await (await fetch(server.base + "/api/v1/sso/providers")).json();
  assert.ok(!list.items.some((p) => p.name === "entra"), "a refused provider is not added");
  await page.getByLabel("Issuer URL").fill("https://login.example/tenant/v2.0");
  await page.getByRole("button", { name: "Add provider" }).click();
  await page.getByText(`${server.base}/sso/entra/callback`).waitFor();
  await page.getByRole("cell", { name: "Contoso" }).waitFor();
  list = await (await fetch(server.base + "/api/v1/sso/providers")).json();
  assert.ok(list.items.some((p) => p.name === "entra" && p.display_name === "Contoso"));
  assert.ok(!(await page.content()).includes("entra-secret-value"));
  await page.getByRole("button", { name: "Remove entra" }).click();
  await page.getByRole("cell", { name: "Contoso" }).waitFor({ state: "detached" });
  list = await (await fetch(server.base + "/api/v1/sso/providers")).json();
  assert.ok(!list.items.some((p) => p.name === "entra"));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
