// The web dashboard as its users meet it, in Debian's Chromium against a real
// `okr serve` on loopback with a real SQLite file.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import {
  apiGet, axeViolations, demoAdmin, newPage, okr, recordTiming, screenshot, signIn, sourceDir,
  startBrowser, startServer, writeTimings,
} from "./harness.mjs";

let chrome;
before(async () => (chrome = await startBrowser()));
after(async () => {
  writeTimings();
  await chrome.close();
});

/** Asserts the page has thrown nothing and logged no error (CSP violations included). */
// A page's last check: it logged no errors. Its browser context then closes, and with it
// the connections it kept open: the server takes at most 64 from one address.
function clean(page) {
  assert.deepEqual(page.problems, [], "the page logged errors");
  page.context().close().catch(() => {});
}

describe("an empty database", () => {
  let server;
  before(async () => (server = await startServer("empty")));
  after(async () => server.stop());

  test("shows how to start, and a cycle created there opens its overview", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base, { email: "admin@example.com", password: "first-run-password" });
    await page.waitForURL(/\/start$/);
    await page.getByRole("heading", { name: "Welcome to okr" }).waitFor();
    await page.getByText("okr import okrs.yaml").waitFor();
    await page.getByText("okr --db demo.db demo").waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "first-run");
    await page.getByLabel("Name").fill("2027-Q1");
    await page.getByLabel("Starts").fill("2027-01-01");
    await page.getByLabel("Ends").fill("2026-12-01");
    await page.getByRole("button", { name: "Create cycle" }).click();
    // The API refuses an end before the start; the page shows the API's message.
    await page.locator(".problem, .field-error").first().waitFor();
    assert.match(await page.locator(".problem, .field-error").first().innerText(), /end|start|before|after/i);
    await page.getByLabel("Ends").fill("2027-03-31");
    await page.getByRole("button", { name: "Create cycle" }).click();
    await page.waitForURL(/\/cycles\/2027-Q1$/);
    await page.getByRole("heading", { name: "No objectives in this cycle yet" }).waitFor();
    clean(page);
  });
});

describe("a database without users", () => {
  let server;
  before(async () => (server = await startServer("bare")));
  after(async () => server.stop());

  test("the address okr serve prints creates the first administrator in the browser, once", async () => {
    // The address comes on the line after the server's own; wait for it.
    for (let i = 0; i < 50 && !/\/setup#/.test(server.output()); i++) await new Promise((r) => setTimeout(r, 100));
    const m = server.output().match(/open (http:\/\/\S+\/setup#\S+) to create the first administrator/);
    assert.ok(m, "okr serve printed no set-up address: " + server.output());
    const address = m[1].replace(/^http:\/\/[^/]+/, server.base);
    const page = await newPage(chrome.browser);
    // Without the secret the page says so, and creates nothing.
    await page.goto(server.base + "/setup");
    await page.getByText(/lacks its secret/).waitFor();
    await page.goto(address);
    await page.getByRole("heading", { name: "Set up okr" }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel("E-mail").fill("root@example.com");
    await page.getByLabel("Name").fill("Rosa Root");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Password again").fill("short");
    await page.getByRole("button", { name: "Create the administrator" }).click();
    await page.locator(".field-error").waitFor();
    assert.match(await page.locator(".field-error").innerText(), /10 characters/);
    await page.getByLabel("Password", { exact: true }).fill("a long first password");
    await page.getByLabel("Password again").fill("a long first password");
    await page.getByRole("button", { name: "Create the administrator" }).click();
    await page.getByRole("heading", { name: "Welcome to okr" }).waitFor();
    assert.equal(new URL(page.url()).hash, "", "the spent secret left the address bar");
    const { users } = JSON.parse(okr(server.db, ["user", "list", "--format", "json"]));
    assert.deepEqual(users.map((u) => [u.email, u.admin]), [["root@example.com", true]]);
    // The address works once.
    const again = await fetch(server.base + "/api/v1/setup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ secret: m[1].split("#")[1], email: "mallory@example.com", password: "another long password" }),
    });
    assert.equal(again.status, 403);
    assert.equal(JSON.parse(okr(server.db, ["user", "list", "--format", "json"])).users.length, 1);
    clean(page);
  });
});

describe("the demo organisation", () => {
  let server, token;
  before(async () => {
    server = await startServer("demo");
    token = okr(server.db, ["token", "create", "--user", demoAdmin.email, "--name", "e2e"]).trim().split(/\s+/).pop();
  });
  after(async () => server.stop());

  test("sign-in refuses a wrong password with the server's message, then signs in and out", async () => {
    const page = await newPage(chrome.browser);
    await page.goto(server.base + "/cycles/2026-Q4");
    await page.waitForURL(/\/signin\?next=/);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "sign-in");
    await page.getByLabel("E-mail").fill(demoAdmin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const problem = page.getByRole("alert");
    await problem.waitFor();
    assert.match(await problem.innerText(), /password|e-mail|sign/i);
    await page.getByLabel("Password").fill(demoAdmin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Back to where the person wanted to go.
    await page.waitForURL(/\/cycles\/2026-Q4$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(server.base + "/cycles/2026-Q4");
    await page.waitForURL(/\/signin\?next=/);
    clean(page);
  });

  test("a person lands on My OKRs: what they own, stale first, with check-in one click away", async () => {
    okr(server.db, ["user", "password", "ben@lumen.example", "--password-stdin"], "ben-password-123\n");
    const ben = { email: "ben@lumen.example", password: "ben-password-123" };
    const benToken = okr(server.db, ["token", "create", "--user", ben.email, "--name", "e2e"]).trim().split(/\s+/).pop();
    const home = await apiGet(server.base, benToken, "/api/v1/home");
    assert.ok(home.key_results.length >= 2, "ben owns key results in the demo");
    const page = await newPage(chrome.browser);
    await signIn(page, server.base, ben);
    await page.getByRole("heading", { name: "My OKRs" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/");
    // Every key result ben owns, in the server's order (stale and off track first).
    const rows = page.locator("section[aria-labelledby='mine-h'] li.kr");
    await rows.first().waitFor();
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.dataset.kr)), home.key_results.map((k) => k.key));
    for (const t of home.teams) await page.locator(`tr[data-team='${t.key}']`).waitFor();
    assert.ok(await page.getByRole("link", { name: /Company overview/ }).isVisible());
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "home");
    // A check-in from home is stored and shown at once.
    const kr = home.key_results[0];
    const row = page.locator(`li.kr[data-kr='${kr.key}']`);
    await row.getByRole("button", { name: /Check in/ }).click();
    await row.getByLabel(/New value/).fill(String(kr.target));
    await row.getByLabel(/Confidence/).fill("0.9");
    await row.getByRole("button", { name: "Save check-in" }).click();
    await row.getByRole("button", { name: /Check in/ }).waitFor();
    const after = await apiGet(server.base, benToken, `/api/v1/key-results/${kr.key}/check-ins?limit=500`);
    assert.equal(after.items[after.items.length - 1].value, kr.target);
    await page.locator(`li.kr[data-kr='${kr.key}'] .score strong`, { hasText: "1.0" }).waitFor();
    // Someone else's check-in on ben's key result shows under what changed.
    const other = home.key_results[1];
    const r = await fetch(`${server.base}/api/v1/key-results/${other.key}/check-ins`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ value: other.current ?? other.start, confidence: 0.6, note: "numbers from the weekly export" }),
    });
    assert.equal(r.status, 201);
    await page.reload();
    const changes = page.locator("ul.changes li", { hasText: "numbers from the weekly export" });
    await changes.waitFor();
    assert.match(await changes.innerText(), /Maya/);
    clean(page);
  });

  test("the search box finds a team, a person and a key result as one types, by keyboard", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    await page.getByRole("heading", { name: "My OKRs" }).waitFor();
    // "/" focuses the box from anywhere on the page.
    await page.keyboard.press("/");
    const box = page.getByRole("combobox", { name: /Search/ });
    assert.equal(await box.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.type("growth");
    const options = page.getByRole("option");
    await options.first().waitFor();
    assert.match(await options.first().innerText(), /team\s+Growth/);
    assert.deepEqual(await axeViolations(page), []);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/cycles\/2026-Q4\/teams\/growth$/);
    // A person, by a word of their name.
    await box.fill("chloe");
    await page.getByRole("option", { name: /person.*Chloe/ }).waitFor();
    // A key result by two words of its title; ↓ moves, Enter opens its objective.
    await box.fill("7-day activ");
    // The current cycle's key result before last cycle's of the same name.
    await page.getByRole("option", { name: /key result.*7-day activation/ }).first().waitFor();
    assert.match(await options.first().innerText(), /key result\s+Raise 7-day activation from 55% to 70%/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/objectives\/\d+$/);
    await page.getByRole("heading", { name: "Make every new team successful in its first week", level: 1 }).waitFor();
    await box.fill("no such thing anywhere");
    await page.getByText("Nothing found for “no such thing anywhere”").waitFor();
    // A team picker finds teams alone, by a word of their name, and Enter opens the one found.
    await page.goto(server.base + "/sprints");
    const picker = page.getByLabel("Team (name or key)");
    await picker.fill("grow");
    const teamOptions = page.locator("[role=listbox] [role=option]");
    await teamOptions.first().waitFor();
    assert.deepEqual([...new Set(await teamOptions.evaluateAll((os) => os.map((o) => o.dataset.kind)))], ["team"]);
    await picker.press("Enter");
    await page.waitForURL(/\/teams\/growth\/sprints$/);
    clean(page);
  });

  test("the overview shows the cycle's scores as the API computes them", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const t0 = Date.now();
    await page.goto(server.base + "/cycles/2026-Q4");
    await page.getByRole("heading", { name: "Teams" }).waitFor();
    recordTiming("overview", Date.now() - t0);
    const o = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/overview");
    const overall = page.locator(".card", { hasText: "Overall score" });
    const shown = (score) => (Math.round(score * 10) / 10).toFixed(1);
    assert.equal(await overall.locator(".score strong").innerText(), shown(o.score));
    // The company is open at first: the departments show, the teams below them wait.
    const deeper = o.teams.filter((t) => t.depth === 2);
    assert.ok(deeper.length > 0, "the demo has teams two levels down");
    assert.equal(await page.locator(`.teams tr[data-team='${deeper[0].key}']`).count(), 0);
    await page.getByRole("button", { name: "Open all" }).click();
    for (const t of o.teams.filter((t) => t.score !== null)) {
      const row = page.locator(`.teams tr[data-team='${t.key}']`);
      assert.equal(await row.locator(".score strong").innerText(), shown(t.score), t.name);
    }
    // Closing a department hides the teams below it; its button says so.
    const department = o.teams.find((t) => t.depth === 1 && o.teams.some((c) => c.parent_id === t.id));
    const toggle = page.getByRole("button", { name: new RegExp(`^The \\d+ teams below ${department.name}$`) });
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    const child = o.teams.find((c) => c.parent_id === department.id);
    await page.locator(`.teams tr[data-team='${child.key}']`).waitFor({ state: "detached" });
    await toggle.click();
    await page.locator(`.teams tr[data-team='${child.key}']`).waitFor();
    // Sorted by score, lowest first, among siblings; the column says how it is sorted.
    await page.getByRole("button", { name: "Score" }).click();
    assert.equal(await page.locator("th[aria-sort='ascending']").innerText(), "Score ▲");
    const siblings = o.teams.filter((t) => t.parent_id === department.parent_id && t.depth === 1 && t.score !== null);
    const rowKeys = await page.locator(".teams tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.team));
    const order = siblings.map((t) => t.key).sort((a, b) => rowKeys.indexOf(a) - rowKeys.indexOf(b));
    const byScore = [...siblings].sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, "en-GB", { numeric: true })).map((t) => t.key);
    assert.deepEqual(order, byScore);
    // Every band carries its word, not only its colour.
    const firstScore = await page.locator(".teams .score").first().innerText();
    assert.match(firstScore, /red|yellow|green/);
    assert.ok(o.attention_total > 0);
    // The headline counts every key result of the cycle.
    const counts = page.locator(".card", { hasText: "Key results" });
    assert.match(await counts.innerText(), new RegExp(`${o.on_track} on track · ${o.at_risk} at risk · ${o.off_track} off track`));
    assert.equal(o.on_track + o.at_risk + o.off_track, o.key_results);
    await page.getByRole("heading", { name: "Needs attention" }).waitFor();
    // The most urgent ten first, and the rest on request.
    assert.ok(o.attention_total > 10, "the demo has more than ten key results needing attention");
    assert.equal(await page.locator("ul.attention li").count(), 10);
    await page.getByRole("button", { name: `Show ${o.attention_total - 10} more` }).click();
    await page.waitForFunction((n) => document.querySelectorAll("ul.attention li").length === n, o.attention_total);
    // Filters narrow the list to the whole cycle's key results that match, in the address.
    const filterForm = page.locator("form[aria-label='Filter key results']");
    await filterForm.getByLabel("Status").selectOption("off-track");
    await page.waitForURL(/status=off-track/);
    await page.waitForFunction((n) => document.querySelectorAll("ul.attention li").length === n, Math.min(10, o.off_track));
    assert.match(await page.getByRole("status").filter({ hasText: "matching" }).innerText(), new RegExp(`of ${o.off_track} key results? matching`));
    const offTrack = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/overview?status=off-track&kind=committed&limit=500");
    await filterForm.getByLabel("Objective").selectOption("committed");
    await page.waitForURL(/kind=committed/);
    await page.waitForFunction((n) => document.querySelectorAll("ul.attention li").length === n, Math.min(10, offTrack.attention_total));
    assert.deepEqual(await page.locator("ul.attention li a").allInnerTexts(), offTrack.attention.slice(0, 10).map((a) => a.key_result.title));
    // A shared address opens the same view.
    const filtered = page.url();
    const again = await newPage(chrome.browser);
    await signIn(again, server.base);
    await again.goto(filtered);
    await again.waitForFunction((n) => document.querySelectorAll("ul.attention li").length === n, Math.min(10, offTrack.attention_total));
    assert.equal(await again.locator("form[aria-label='Filter key results']").getByLabel("Status").inputValue(), "off-track");
    clean(again);
    // An owner picked by typing a word of their name.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("heading", { name: "Needs attention" }).waitFor();
    await filterForm.getByRole("combobox", { name: "Owner", exact: true }).fill("ben");
    await page.getByRole("option", { name: /ben@lumen\.example/ }).click();
    await page.waitForURL(/owner=ben%40lumen\.example|owner=ben@lumen\.example/);
    const bens = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/overview?owner=ben%40lumen.example&limit=500");
    await page.waitForFunction((n) => document.querySelectorAll("ul.attention li").length === n, Math.min(10, bens.attention_total));
    for (const text of await page.locator("ul.attention li .muted").allInnerTexts()) assert.match(text, /ben/i);
    assert.deepEqual(await axeViolations(page), []);
    // Nobody's: a box that stays where it is, checked.
    const nobodyBox = filterForm.getByLabel("nobody owns them");
    await nobodyBox.check();
    await page.waitForURL(/owner=none/);
    const unowned = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/overview?owner=none&limit=500");
    if (unowned.attention_total === 0) await page.getByText("No key result of the cycle matches these filters.").waitFor();
    else await page.waitForFunction((n) => document.querySelectorAll("ul.attention li").length === n, Math.min(10, unowned.attention_total));
    assert.equal(await nobodyBox.isChecked(), true);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("heading", { name: "Needs attention" }).waitFor();
    await page.getByRole("heading", { name: "Score week by week" }).waitFor();
    await page.locator(".trend canvas").first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "overview");
    clean(page);
  });

  test("a deep link, a reload and the back button each land on the right page", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await page.getByRole("heading", { name: "Growth", level: 1 }).waitFor();
    const title = await page.locator("article.objective h2 a").first().innerText();
    await page.locator("article.objective h2 a").first().click();
    await page.waitForURL(/\/objectives\/\d+$/);
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await page.goBack();
    await page.waitForURL(/\/teams\/growth$/);
    await page.getByRole("heading", { name: "Growth", level: 1 }).waitFor();
    // A department lists the teams below it, sortable, and each leads a level down.
    await page.goto(server.base + "/cycles/2026-Q4/teams/product");
    const below = page.locator("section.sub-teams");
    await below.getByRole("heading", { name: /Teams below \(\d+\)/ }).waitFor();
    const subTeams = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/teams/product/sub-teams?sort=score");
    await below.getByLabel("Sort by").selectOption("score");
    await below.locator(`tbody tr[data-team='${subTeams.items[0].key}']`).first().waitFor();
    assert.deepEqual(await below.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.team)), subTeams.items.map((t) => t.key));
    assert.deepEqual(await axeViolations(page), []);
    await below.getByRole("link", { name: "Growth" }).click();
    await page.waitForURL(/\/teams\/growth$/);
    // A mistyped address shows the app's own page, not a raw problem document.
    await page.goto(server.base + "/no/such/page");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    assert.equal((await page.request.get(server.base + "/no/such/page")).status(), 404);
    assert.equal((await page.request.get(server.base + "/api/v1/no-such")).headers()["content-type"], "application/problem+json");
    // A page that names no cycle still offers the current cycle's pages, and the picker shows it.
    for (const path of ["/kpis", "/sprints", "/admin"]) {
      await page.goto(server.base + path);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).waitFor();
      assert.equal(await page.locator(".cycle-picker select").inputValue(), "2026-Q4", path);
    }
    // Every page has a title of its own.
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await page.getByRole("heading", { name: "Growth", level: 1 }).waitFor();
    await page.waitForFunction(() => document.title === "Growth · okr");
    clean(page);
  });

  test("the team page asks for one team and shows bars against the expected pace", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const requests = [];
    page.on("request", (r) => r.url().includes("/api/") && requests.push(new URL(r.url()).pathname));
    const t0 = Date.now();
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await page.locator("li.kr").first().waitFor();
    recordTiming("team", Date.now() - t0);
    assert.ok(requests.includes("/api/v1/cycles/2026-Q4/teams/growth"), requests.join(", "));
    assert.ok(!requests.some((p) => p.endsWith("/summary")), "the team page must not load the whole cycle");
    const team = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/teams/growth");
    // The breadcrumb goes up the tree, each team a link.
    assert.ok(team.path.length >= 2, "growth sits two levels down");
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    assert.equal(await crumbs.innerText(), ["2026-Q4", ...team.path.map((t) => t.name), team.team.name].join(" › "));
    assert.equal(await crumbs.getByRole("link", { name: team.path[0].name }).getAttribute("href"), `/cycles/2026-Q4/teams/${team.path[0].key}`);
    const krs = team.objectives.flatMap((o) => o.key_results);
    assert.equal(await page.locator("li.kr").count(), krs.length);
    assert.equal(await page.locator("li.kr .bar-expected").count(), krs.length);
    const first = page.locator(`li.kr[data-kr="${krs[0].key}"]`);
    assert.match(await first.innerText(), /checked in (today|yesterday|\d+ days ago)/);
    assert.match(await first.innerText(), /confidence \d\.\d/);
    assert.match(await first.innerText(), new RegExp(krs[0].owner));
    // The team's score week by week, ending on the score the page shows.
    const trend = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/trend?team=growth");
    const last = trend.points[trend.points.length - 1];
    await page.getByRole("heading", { name: "Score week by week" }).waitFor();
    assert.equal(
      await page.locator(".trend figcaption").innerText(),
      `On ${last.date} the score was ${last.score.toFixed(1)}, with ${last.expected.toFixed(1)} expected by then.`,
    );
    assert.equal(last.score, team.score);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "team");
    clean(page);
  });

  test("the team page filters its key results, and the filter lives in the address", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const team = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/teams/growth");
    const krs = team.objectives.flatMap((o) => o.key_results);
    const paces = [...new Set(krs.map((k) => k.pace))];
    const pace = paces.find((p) => p !== "on-track") ?? paces[0];
    const matching = krs.filter((k) => k.pace === pace).map((k) => k.key).sort();
    assert.ok(matching.length > 0 && matching.length < krs.length, "the demo team has key results of several paces");
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await page.locator("li.kr").first().waitFor();
    const filters = page.getByRole("form", { name: "Filter key results" });
    await filters.getByLabel("Status").selectOption(pace);
    await page.waitForURL(new RegExp(`\\?status=${pace}$`));
    await page.getByText(`${matching.length} of ${krs.length} key results match.`).waitFor();
    const shown = async () => (await page.locator("li.kr").evaluateAll((rows) => rows.map((r) => r.dataset.kr))).sort();
    assert.deepEqual(await shown(), matching);
    // A reload (or a shared link) keeps the filter.
    await page.reload();
    await page.locator("li.kr").first().waitFor();
    assert.equal(await filters.getByLabel("Status").inputValue(), pace);
    assert.deepEqual(await shown(), matching);
    // Filters combine; one that matches nothing says so.
    await filters.getByLabel("Owner").selectOption("none");
    const unowned = krs.filter((k) => k.pace === pace && !k.owner);
    if (unowned.length === 0) await page.getByText("No key result matches these filters.").waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await filters.getByRole("button", { name: "Clear filters" }).click();
    await page.waitForURL(/\/teams\/growth$/);
    assert.equal(await page.locator("li.kr").count(), krs.length);
    clean(page);
  });

  test("a check-in changes the score and the bar at once, and is stored with its author", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    const kr = page.locator('li.kr[data-kr="growth-activation"]');
    await kr.waitFor();
    const before = await kr.locator(".bar").getAttribute("aria-valuenow");
    await kr.getByRole("button", { name: /Check in/ }).click();
    // What the API refuses is shown with the API's message.
    await kr.getByLabel(/Confidence/).fill("1.5");
    await kr.getByLabel(/New value/).fill("69");
    await kr.getByRole("button", { name: "Save check-in" }).click();
    await kr.locator(".field-error, .problem").first().waitFor();
    assert.match(await kr.locator(".field-error, .problem").first().innerText(), /confidence/i);
    await kr.getByLabel(/Confidence/).fill("0.8");
    await kr.getByLabel(/Note/).fill("checklist shipped to every new workspace");
    await kr.getByRole("button", { name: "Save check-in" }).click();
    await kr.getByRole("button", { name: /Check in/ }).waitFor();
    await page.waitForFunction(
      ([sel, old]) => document.querySelector(sel)?.getAttribute("aria-valuenow") !== old,
      ['li.kr[data-kr="growth-activation"] .bar', before],
    );
    const after = Number(await kr.locator(".bar").getAttribute("aria-valuenow"));
    // 55 → 70 is the range: 69 scores (69 − 55) / 15 = 0.93.
    assert.ok(Math.abs(after - 0.93) < 0.006, `bar at ${after}`);
    assert.match(await kr.locator(".kr-score").innerText(), /0\.9/);
    assert.match(await kr.innerText(), /checked in today/);
    const stored = await apiGet(server.base, token, "/api/v1/key-results/growth-activation/check-ins?limit=500");
    const last = stored.items[stored.items.length - 1];
    assert.equal(last.value, 69);
    assert.equal(last.confidence, 0.8);
    assert.equal(last.note, "checklist shipped to every new workspace");
    const me = await apiGet(server.base, token, `/api/v1/users/${demoAdmin.email}`);
    assert.equal(last.author_id, me.id);
    clean(page);
  });

  test("the objective page charts each key result against the expected pace", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const o = await apiGet(server.base, token, "/api/v1/objectives/growth-first-week/detail");
    const t0 = Date.now();
    await page.goto(server.base + `/objectives/${o.objective.id}`);
    await page.locator(".kr-detail canvas").first().waitFor();
    recordTiming("objective", Date.now() - t0);
    assert.equal(await page.locator(".kr-detail .uplot").count(), o.objective.key_results.length);
    await page.getByText("expected pace").first().waitFor();
    await page.getByText(/Check-in history \(\d+\)/).first().click();
    await page.locator(".history table").first().waitFor();
    await page.getByRole("heading", { name: "Aligns to" }).waitFor();
    if (o.parent) await page.getByRole("link", { name: o.parent.title }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "objective");
    clean(page);
  });

  test("a check-in is corrected and withdrawn from its history, and the score follows", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const made = await fetch(server.base + "/api/v1/key-results/growth-activation/check-ins", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ value: 99, confidence: 0.8, note: "typo: meant 66" }),
    });
    assert.equal(made.status, 201);
    const id = (await made.json()).id;
    const objective = await apiGet(server.base, token, "/api/v1/key-results/growth-activation");
    await page.goto(server.base + `/objectives/${objective.objective_id}`);
    const card = page.locator("article.kr-detail[data-kr='growth-activation']");
    await card.locator("summary").click();
    const row = card.locator(`tr[data-check-in='${id}']`);
    await row.getByRole("button", { name: /Correct/ }).click();
    await row.getByLabel(/Value/).fill("66");
    await row.getByRole("button", { name: "Save correction" }).click();
    await card.locator(`tr[data-check-in='${id}'] td`, { hasText: "66 %" }).first().waitFor();
    let list = await apiGet(server.base, token, "/api/v1/key-results/growth-activation/check-ins?limit=500");
    assert.equal(list.items.find((c) => c.id === id).value, 66);
    assert.deepEqual(await axeViolations(page), []);
    await card.locator(`tr[data-check-in='${id}']`).getByRole("button", { name: /Withdraw/ }).click();
    await card.locator(`tr[data-check-in='${id}']`).getByRole("button", { name: "Withdraw", exact: true }).click();
    await card.locator(`tr[data-check-in='${id}']`).waitFor({ state: "detached" });
    list = await apiGet(server.base, token, "/api/v1/key-results/growth-activation/check-ins?limit=500");
    assert.equal(list.items.some((c) => c.id === id), false);
    clean(page);
  });

  test("the editor coaches as one types, and saves an objective with key results", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const t0 = Date.now();
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth/new");
    await page.getByRole("heading", { name: /New objective/ }).waitFor();
    recordTiming("editor", Date.now() - t0);
    const objective = page.locator("fieldset", { hasText: "Objective" }).first();
    // A number in an objective draws the coach's warning …
    await objective.getByLabel("Title").fill("Grow weekly active teams by 20%");
    const finding = objective.locator(".finding");
    await finding.first().waitFor();
    assert.match(await finding.first().innerText(), /number|qualitative/i);
    // … which goes once the objective says what should change, without numbers.
    await objective.getByLabel("Title").fill("Make Lumen the place where small teams decide together");
    await page.waitForFunction(() => !document.querySelector("fieldset .findings li[data-rule='objective-has-number']"));
    await page.getByRole("button", { name: "Add key result" }).click();
    await page.getByRole("button", { name: "Add key result" }).click();
    const kr1 = page.locator("fieldset.kr-edit").nth(0);
    const kr2 = page.locator("fieldset.kr-edit").nth(1);
    await kr1.getByLabel("Title").fill("Ship the decision log");
    // An output, not an outcome: the coach says so beside this key result.
    await kr1.locator(".finding").first().waitFor();
    assert.match(await kr1.locator(".findings").innerText(), /output|outcome/i);
    await kr1.getByLabel("Title").fill("Raise weekly deciding teams from 1,200 to 1,600");
    await kr1.getByLabel("Baseline (start)").fill("1200");
    await kr1.getByLabel("Target").fill("1600");
    await kr1.getByLabel("Owner (name or e-mail)").fill("ana@lumen.example");
    await kr2.getByLabel("Title").fill("Cut median time to a shared decision from 3 days to 1 day");
    await kr2.getByLabel("Metric").selectOption("number");
    await kr2.getByLabel("Baseline (start)").fill("3");
    await kr2.getByLabel("Target").fill("1");
    await kr2.getByLabel("Unit").fill("days");
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "editor");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/objectives\/\d+$/);
    await page.getByRole("heading", { name: "Make Lumen the place where small teams decide together" }).waitFor();
    const id = page.url().split("/").pop();
    const saved = await apiGet(server.base, token, `/api/v1/objectives/${id}/detail`);
    assert.deepEqual(saved.objective.key_results.map((k) => [k.title, k.start, k.target]), [
      ["Raise weekly deciding teams from 1,200 to 1,600", 1200, 1600],
      ["Cut median time to a shared decision from 3 days to 1 day", 3, 1],
    ]);
    assert.equal(saved.objective.key_results[0].owner, "ana@lumen.example");
    clean(page);
  });

  test("a refused save leaves nothing behind, and the same save succeeds once fixed", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const before = await apiGet(server.base, token, "/api/v1/objectives?team=growth&cycle=2026-Q4&limit=500");
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth/new");
    await page.getByRole("heading", { name: /New objective/ }).waitFor();
    const objective = page.locator("fieldset", { hasText: "Objective" }).first();
    await objective.getByLabel("Title").fill("Teams trust what they decide together");
    await page.getByRole("button", { name: "Add key result" }).click();
    const kr = page.locator("fieldset.kr-edit").nth(0);
    await kr.getByLabel("Title").fill("Raise decisions revisited within a week from 5 to 20");
    await kr.getByLabel("Target").fill("20");
    await page.getByRole("button", { name: "Save" }).click();
    // The API's message appears at the field it names, in a live region too.
    await kr.locator(".field-error").waitFor();
    assert.match(await kr.locator(".field-error").innerText(), /start|baseline/i);
    assert.match(await kr.locator("[role=alert]").innerText(), /start|baseline/i);
    const after = await apiGet(server.base, token, "/api/v1/objectives?team=growth&cycle=2026-Q4&limit=500");
    assert.equal(after.items.length, before.items.length, "a refused save created an objective");
    await kr.getByLabel("Baseline (start)").fill("5");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/objectives\/\d+$/);
    const id = page.url().split("/").pop();
    const saved = await apiGet(server.base, token, `/api/v1/objectives/${id}/detail`);
    assert.equal(saved.objective.title, "Teams trust what they decide together");
    assert.deepEqual(saved.objective.key_results.map((k) => [k.start, k.target]), [[5, 20]]);
    clean(page);
  });

  test("the editor keeps an alignment to a key result, and teams answer what others ask of them", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    // Design's objective serves growth's activation key result through a shared objective.
    const design = await apiGet(server.base, token, "/api/v1/objectives/design-clarity");
    const activation = await apiGet(server.base, token, "/api/v1/key-results/growth-activation");
    await page.goto(server.base + `/objectives/${design.id}/edit`);
    const alignsTo = page.getByLabel("Aligns to");
    await alignsTo.waitFor();
    assert.equal(await alignsTo.inputValue(), "k:growth-activation");
    const kr1 = page.locator("fieldset.kr-edit").nth(0);
    await kr1.getByLabel("Indicator").selectOption("leading");
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/objectives\/\d+$/);
    const saved = await apiGet(server.base, token, "/api/v1/objectives/design-clarity/detail");
    assert.equal(saved.objective.parent_key_result_id, activation.id);
    assert.equal(saved.objective.key_results[0].indicator, "leading");

    // Design's page shows the shared objective it contributes to.
    await page.goto(server.base + "/cycles/2026-Q4/teams/design");
    await page.getByRole("heading", { name: "Contributing to" }).waitFor();
    assert.match(await page.locator("[data-contributes-to='growth-first-week']").innerText(), /first week/);

    // Growth's invites key result waits on platform: a risk until platform confirms.
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    const invites = page.locator("li.kr[data-kr='growth-invites']");
    await invites.waitFor();
    assert.match(await invites.innerText(), /risk: needs platform \(pending\)/);
    // Growth's lead asks design for what activation needs, then withdraws it.
    const activationRow = page.locator("li.kr[data-kr='growth-activation']");
    await activationRow.getByRole("button", { name: /Needs another team/ }).click();
    await activationRow.getByLabel(/Team whose work is needed/).fill("design");
    await activationRow.getByLabel("What is needed, and by when").fill("An onboarding checklist design by week 4");
    assert.deepEqual(await axeViolations(page), []);
    await activationRow.getByRole("button", { name: "Ask the team" }).click();
    await activationRow.locator("[data-dependency-of='design'] .risk").waitFor();
    const asked = await apiGet(server.base, token, "/api/v1/dependencies?asked_of=design&state=pending");
    assert.deepEqual(asked.items.map((d) => [d.key_result, d.note]), [["growth-activation", "An onboarding checklist design by week 4"]]);
    await activationRow.getByRole("button", { name: /Withdraw what .* needs from design/ }).click();
    await activationRow.locator("[data-dependency-of='design']").waitFor({ state: "detached" });
    await page.goto(server.base + "/cycles/2026-Q4/teams/platform");
    await page.getByRole("heading", { name: /Asked of Platform/ }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole("button", { name: /Confirm what growth needs for growth-invites/ }).click();
    await page.locator("[data-dependency] .tag", { hasText: "confirmed" }).first().waitFor();
    const listed = await apiGet(server.base, token, "/api/v1/dependencies?asked_of=platform");
    assert.deepEqual(listed.items.map((d) => [d.key_result, d.state]), [["growth-invites", "confirmed"]]);
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await invites.waitFor();
    assert.match(await invites.innerText(), /needs platform \(confirmed\)/);
    clean(page);
  });

  test("grading overrides a score only with a reason", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    // A closed cycle is locked: its grading page says so and offers no form.
    await page.goto(server.base + "/cycles/2026-Q3/teams/growth/grading");
    await page.locator(".locked").waitFor();
    assert.match(await page.locator(".locked").innerText(), /closed: its grades are final and locked/);
    assert.equal(await page.locator("form.grading").count(), 0);
    // Its final grades stay readable: scores, overrides with reasons, flags, reflections.
    const finalGrades = await apiGet(server.base, token, "/api/v1/cycles/2026-Q3/grading?team=growth");
    const graded = finalGrades.teams.find((t) => t.key === "growth").objectives;
    await page.locator("article.final-grade").first().waitFor();
    assert.equal(await page.locator("article.final-grade").count(), graded.length);
    assert.match(await page.locator("article.final-grade").first().innerText(), new RegExp(graded[0].title));
    assert.deepEqual(await axeViolations(page), []);
    // An administrator reopens it for grading from the page, after a confirmation.
    await page.getByRole("button", { name: "Reopen 2026-Q3 for grading" }).click();
    await page.getByRole("button", { name: "Reopen for grading" }).click();
    await page.locator("form.grading").first().waitFor();
    assert.equal((await apiGet(server.base, token, "/api/v1/cycles/2026-Q3")).state, "grading");
    const t0 = Date.now();
    await page.goto(server.base + "/cycles/2026-Q3/teams/growth/grading");
    const form = page.locator("form.grading").first();
    await form.waitFor();
    recordTiming("grading", Date.now() - t0);
    const krRow = form.locator("tbody tr").first();
    const krKey = await krRow.getAttribute("data-kr");
    await krRow.getByRole("checkbox").check();
    // A score out of range is refused by the API: its message shows at the field and in a live region.
    await krRow.getByLabel(/Score/).fill("1.7");
    await krRow.getByLabel(/Reason/).fill("the metric double-counted trial teams");
    await form.getByRole("button", { name: "Save grading" }).click();
    await krRow.locator(".field-error").waitFor();
    assert.match(await krRow.locator(".field-error").innerText(), /0\.0|1\.0|score/i);
    assert.match(await form.locator("[role=alert]").innerText(), /score/i);
    assert.equal(await form.getByText("Saved.").count(), 0);
    await krRow.getByLabel(/Score/).fill("abc");
    await form.getByRole("button", { name: "Save grading" }).click();
    await krRow.locator(".field-error", { hasText: /number/ }).waitFor();
    await krRow.getByLabel(/Score/).fill("0.5");
    await krRow.getByLabel(/Reason/).fill("");
    await form.getByRole("button", { name: "Save grading" }).click();
    await form.locator(".field-error").waitFor();
    assert.match(await form.locator(".field-error").innerText(), /reason/);
    await krRow.getByLabel(/Reason/).fill("the metric double-counted trial teams");
    await form.getByLabel("What we learned").fill("measure activation on paying teams only");
    await form.getByRole("button", { name: "Save grading" }).click();
    await form.getByText("Saved.").waitFor();
    const objectiveKey = await form.getAttribute("data-objective");
    const review = await apiGet(server.base, token, `/api/v1/reviews/${objectiveKey}`);
    const kr = await apiGet(server.base, token, `/api/v1/key-results/${krKey}`);
    const ov = review.overrides.find((x) => x.key_result_id === kr.id);
    assert.equal(ov.score, 0.5);
    assert.equal(ov.reason, "the metric double-counted trial teams");
    assert.equal(review.what_we_learned, "measure activation on paying teams only");
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "grading");
    clean(page);
  });

  test("a viewer sees no edit controls, and the API refuses the write anyway", async () => {
    okr(server.db, ["user", "add", "vera@lumen.example", "--name", "Vera Viewer", "--password-stdin"], "viewer-password-1\n");
    const r = await fetch(server.base + "/api/v1/teams/growth/members/vera@lumen.example", {
      method: "PUT",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "viewer" }),
    });
    assert.ok(r.ok, `membership: ${r.status}`);
    const page = await newPage(chrome.browser);
    await signIn(page, server.base, { email: "vera@lumen.example", password: "viewer-password-1" });
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await page.locator("li.kr").first().waitFor();
    assert.equal(await page.getByRole("button", { name: /Check in/ }).count(), 0);
    assert.equal(await page.getByRole("link", { name: "New objective" }).count(), 0);
    assert.equal(await page.getByRole("link", { name: "Grade" }).count(), 0);
    await page.locator("article.objective h2 a").first().click();
    await page.locator(".kr-detail").first().waitFor();
    assert.equal(await page.getByRole("link", { name: "Edit" }).count(), 0);
    assert.equal(await page.getByRole("link", { name: "Admin" }).count(), 0);
    // The API refuses the write the page does not offer.
    const refused = await page.evaluate(async () => {
      const s = await (await fetch("/api/v1/session")).json();
      const res = await fetch("/api/v1/key-results/growth-activation/check-ins", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": s.csrf_token },
        body: JSON.stringify({ value: 70 }),
      });
      return { status: res.status, type: (await res.json()).type };
    });
    // Refused for the role, not for a missing CSRF token.
    assert.deepEqual(refused, { status: 403, type: "/problems/forbidden" });
    // An editor's address opened by a viewer says what their role allows, and offers no form.
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth/new");
    await page.getByText(/Your role does not allow you to write objectives for Growth/).waitFor();
    assert.equal(await page.locator("form").count(), 0);
    clean(page);
  });

  test("an expired session returns to sign-in and then to the same page", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    await page.goto(server.base + "/cycles/2026-Q4/alignment");
    await page.getByRole("heading", { name: /Alignment/ }).waitFor();
    await page.context().clearCookies();
    await page.getByRole("link", { name: "KPIs" }).click();
    await page.waitForURL(/\/signin\?next=%2Fkpis/);
    await page.getByLabel("E-mail").fill(demoAdmin.email);
    await page.getByLabel("Password").fill(demoAdmin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/kpis$/);
    await page.getByRole("heading", { name: "KPIs" }).waitFor();
    clean(page);
  });

  test("alignment, KPIs, sprints and administration show their data and pass axe", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const pages = [
      ["alignment", "/cycles/2026-Q4/alignment", page.locator("ul.tree li").first()],
      ["kpis", "/kpis", page.locator("article.kpi canvas").first()],
      ["sprints", "/teams/growth/sprints", page.locator("ul.initiatives li").first()],
      ["admin", "/admin", page.getByRole("cell", { name: demoAdmin.email, exact: true })],
      ["admin-audit", "/admin/audit", page.locator("tbody tr").first()],
    ];
    for (const [name, path, ready] of pages) {
      const t0 = Date.now();
      await page.goto(server.base + path);
      await ready.waitFor();
      recordTiming(name, Date.now() - t0);
      assert.deepEqual(await axeViolations(page), [], name);
      await screenshot(page, name);
    }
    // A team's sprints page is one request, whatever its number of sprints.
    const asked = [];
    page.on("request", (r) => r.url().includes("/api/") && asked.push(new URL(r.url()).pathname));
    await page.goto(server.base + "/teams/growth/sprints");
    await page.locator("article.sprint-report").first().waitFor();
    assert.deepEqual(asked.filter((p) => /sprint|initiative|key-results/.test(p)), ["/api/v1/teams/growth/sprint-work"]);
    const work = await apiGet(server.base, token, "/api/v1/teams/growth/sprint-work");
    assert.equal(await page.locator("article.sprint-report").count(), work.sprints.length);
    const tree = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/alignment");
    const levels = [];
    page.on("request", (r) => r.url().includes("/alignment") && levels.push(new URL(r.url()).search));
    await page.goto(server.base + "/cycles/2026-Q4/alignment");
    await page.getByRole("heading", { name: `Not aligned (${tree.unaligned})` }).waitFor();
    // Only the top is loaded; a branch asks for its own level when opened.
    const root = tree.roots.find((r) => !r.orphan && r.children.length > 0);
    const branch = page.locator(`ul.tree > li[data-objective='${root.key}']`);
    assert.equal(await branch.locator("li").count(), 0);
    assert.ok(levels.every((q) => !q.includes("parent=")), levels.join(" "));
    await branch.getByRole("button", { name: `Show the ${root.children.length} objectives aligned to ${root.title}` }).click();
    await branch.locator(":scope > ul.tree > li").first().waitFor();
    assert.deepEqual(
      (await branch.locator(":scope > ul.tree > li").evaluateAll((rows) => rows.map((r) => r.dataset.objective))).sort(),
      root.children.map((c) => c.key).sort(),
    );
    assert.ok(levels.some((q) => q.includes(`parent=${root.id}`)), levels.join(" "));
    assert.deepEqual(await axeViolations(page), []);
    await branch.getByRole("button", { name: `Hide the ${root.children.length} objectives aligned to ${root.title}` }).click();
    assert.equal(await branch.locator("li").count(), 0);
    clean(page);
  });

  test("dark mode, print and the audit log read as people expect", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    // Dark, as the system says: the charts draw their text in the page's light ink.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    const canvas = page.locator(".trend canvas").first();
    await canvas.waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await canvas.evaluate((c) => {
      const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200) n++;
      return n;
    });
    assert.notEqual(background, "rgb(255, 255, 255)");
    assert.ok(light > 50, `the axes' labels are drawn in light ink on the dark page (${light} light pixels)`);
    assert.deepEqual(await axeViolations(page), [], "dark team page");
    await page.goto(server.base + "/cycles/2026-Q4");
    await page.getByRole("heading", { name: "Teams" }).waitFor();
    assert.deepEqual(await axeViolations(page), [], "dark overview");
    await screenshot(page, "overview-dark");
    // Printed (from a dark screen too): black on white, without the header, buttons and filters.
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    assert.equal(await page.locator("header.top").isVisible(), false);
    assert.equal(await page.locator("form.filters").isVisible(), false);
    assert.deepEqual(await page.locator("table.teams thead th").allInnerTexts(), ["Team ▲", "Score", "Objectives", "On track", "At risk", "Off track"]);
    assert.match(await page.locator(".trend canvas").first().evaluate((c) => getComputedStyle(c).filter), /invert/);
    const ink = await page.evaluate(() => getComputedStyle(document.querySelector("h1")).color);
    const [r, g, b] = ink.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 200, `printed headings are dark: ${ink}`);
    await page.emulateMedia({ media: "screen", colorScheme: "light" });
    // The audit log: who acted by name, what changed by its title or name, times as elsewhere.
    const made = await fetch(server.base + "/api/v1/teams", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ key: "audit-probe", name: "Audit probe" }),
    });
    assert.equal(made.status, 201);
    const named = (await apiGet(server.base, token, "/api/v1/audit-events?limit=1")).items[0];
    assert.equal(named.entity_label, "Audit probe");
    assert.ok(named.actor?.name, "the event names who acted");
    await page.goto(server.base + "/admin/audit");
    const row = page.locator("tbody tr").first();
    await row.waitFor();
    const cells = await row.locator("td").allInnerTexts();
    assert.match(cells[0], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(cells[1], named.actor.name);
    assert.equal(cells[3], `${named.entity_type} “${named.entity_label}”`);
    assert.deepEqual(await axeViolations(page), []);
    clean(page);
  });

  test("the quarterly review presents a team and the company a screen at a time, by keyboard", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    // A team: its title screen listing its objectives, then one objective a screen. The
    // titles are the page's own (the team page is a cached view that an earlier test's
    // write may still be renewing, so an API read made apart from it can differ).
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await page.getByRole("link", { name: "Present" }).click();
    await page.getByRole("heading", { name: "Growth · 2026-Q4", level: 1 }).waitFor();
    const titles = await page.locator(".slide ol li").allInnerTexts();
    assert.ok(titles.length >= 2, `the title screen lists ${titles.length} objectives`);
    await page.keyboard.press("ArrowRight");
    await page.getByRole("heading", { name: titles[0], level: 1, exact: true }).waitFor();
    await page.keyboard.press("End");
    await page.getByRole("heading", { name: titles[titles.length - 1], level: 1, exact: true }).waitFor();
    assert.equal(await page.locator(".present-nav").innerText().then((t) => t.split(" ")[0]), String(titles.length + 1));
    assert.deepEqual(await axeViolations(page), []);
    await page.keyboard.press("Escape");
    await page.waitForURL(/\/teams\/growth$/);
    // The company: its score and trend, then each team at the top of the tree.
    const top = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/overview?limit=1&depth=1");
    const shown = top.teams.filter((t) => t.score !== null);
    await page.goto(server.base + "/cycles/2026-Q4");
    await page.getByRole("link", { name: "Present" }).click();
    await page.waitForURL(/\/cycles\/2026-Q4\/present$/);
    await page.getByRole("heading", { name: "Company review · 2026-Q4", level: 1 }).waitFor();
    await page.locator(".trend canvas").first().waitFor();
    assert.equal(await page.locator(".present-nav").innerText().then((t) => t.split(" ")[2]), String(shown.length + 1));
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "present-company");
    await page.keyboard.press("ArrowRight");
    await page.getByRole("heading", { name: shown[0].name, level: 1 }).waitFor();
    const first = await apiGet(server.base, token, `/api/v1/cycles/2026-Q4/teams/${shown[0].key}`);
    assert.equal(await page.locator(".slide li.present-kr").count(), first.objectives.length);
    await page.keyboard.press("ArrowLeft");
    await page.getByRole("heading", { name: "Company review · 2026-Q4", level: 1 }).waitFor();
    await page.keyboard.press("Escape");
    await page.waitForURL(/\/cycles\/2026-Q4$/);
    clean(page);
  });

  test("on a 375 px phone every page fits the screen and passes axe, for each role", async () => {
    // A lead and a viewer beside the administrator, each with a password to sign in.
    okr(server.db, ["user", "password", "ana@lumen.example", "--password-stdin"], "lead-password-1\n");
    okr(server.db, ["user", "add", "vic@lumen.example", "--name", "Vic Viewer", "--password-stdin"], "viewer-password-2\n");
    const objective = (await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/teams/growth")).objectives[0].id;
    const every = [
      ["home", "/"],
      ["overview", "/cycles/2026-Q4"],
      ["team", "/cycles/2026-Q4/teams/growth"],
      ["objective", `/objectives/${objective}`],
      ["alignment", "/cycles/2026-Q4/alignment"],
      ["kpis", "/kpis"],
      ["sprints", "/teams/growth/sprints"],
      ["inbox", "/inbox"],
      ["present", "/cycles/2026-Q4/teams/growth/present"],
      ["present-company", "/cycles/2026-Q4/present"],
    ];
    const writers = [
      ["editor", "/cycles/2026-Q4/teams/growth/new"],
      ["edit", `/objectives/${objective}/edit`],
      ["grading", "/cycles/2026-Q4/teams/growth/grading"],
    ];
    const admin = [
      ["admin", "/admin"],
      ["admin-teams", "/admin/teams"],
      ["admin-cycles", "/admin/cycles"],
      ["admin-tokens", "/admin/tokens"],
      ["admin-audit", "/admin/audit"],
      ["admin-sign-in", "/admin/sign-in"],
      ["admin-webhooks", "/admin/webhooks"],
    ];
    const roles = [
      ["admin", demoAdmin, [...every, ...writers, ...admin]],
      ["lead", { email: "ana@lumen.example", password: "lead-password-1" }, [...every, ...writers]],
      ["viewer", { email: "vic@lumen.example", password: "viewer-password-2" }, every],
    ];
    // Signed out: the pages anyone may open.
    const out = await newPage(chrome.browser, { width: 375, height: 740 });
    for (const [path, ready] of [
      ["/signin", "main h1"],
      ["/unsubscribe?token=not-a-token", "main h1"],
    ]) {
      await out.goto(server.base + path);
      await out.locator(ready).first().waitFor();
      await out.waitForFunction(() => !document.querySelector("main .loading"));
      assert.ok((await out.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, `signed out: ${path} is wider than the phone`);
      assert.deepEqual(await axeViolations(out), [], `signed out: ${path}`);
    }
    clean(out);
    for (const [role, who, pages] of roles) {
      const page = await newPage(chrome.browser, { width: 375, height: 740 });
      await signIn(page, server.base, who);
      for (const [name, path] of pages) {
        await page.goto(server.base + path);
        await page.locator("main h1").first().waitFor();
        await page.waitForFunction(() => !document.querySelector("main .loading"));
        await page.waitForTimeout(100);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        // What sticks out, named, so a failure says where to look.
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && (!e.parentElement.closest(".table-wrap") || getComputedStyle(e).position === "absolute"))
            .slice(0, 3)
            .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} (${Math.round(e.getBoundingClientRect().width)}px)`),
        );
        assert.ok(overflow <= 0, `${role}: ${path} is ${overflow}px wider than the phone: ${wide.join(", ")}`);
        assert.deepEqual(await axeViolations(page), [], `${role}: ${path}`);
        if (role === "admin" && ["home", "overview", "team"].includes(name)) await screenshot(page, `phone-${name}`);
      }
      clean(page);
    }
  });

  test("everything works by keyboard alone: sign-in and a check-in", async () => {
    const page = await newPage(chrome.browser);
    await page.goto(server.base + "/signin");
    await page.getByLabel("E-mail").focus();
    await page.keyboard.type(demoAdmin.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(demoAdmin.password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "My OKRs" }).waitFor();
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    const button = page.getByRole("button", { name: /Check in on Lift trial-to-paid/ });
    await button.focus();
    await page.keyboard.press("Enter");
    // The form opens with the value field focused.
    await page.waitForFunction(() => /New value/.test(document.activeElement?.labels?.[0]?.innerText ?? ""));
    await page.keyboard.press("Control+A");
    await page.keyboard.type("10.5");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: /Check in on Lift trial-to-paid/ }).waitFor();
    // Focus returns to the button that opened the form, so the keyboard carries on from there.
    await page.waitForFunction(() => /Check in on Lift trial-to-paid/.test(document.activeElement?.textContent ?? ""));
    // Escape closes a form without saving.
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /New value/.test(document.activeElement?.labels?.[0]?.innerText ?? ""));
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => /Check in on Lift trial-to-paid/.test(document.activeElement?.textContent ?? ""));
    const stored = await apiGet(server.base, token, "/api/v1/key-results/growth-trial-conversion/check-ins");
    assert.equal(stored.items[stored.items.length - 1].value, 10.5);
    clean(page);
  });

  test("an administrator adds a webhook, sees its secret once, and redelivers from its log", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    await page.goto(server.base + "/admin/webhooks");
    await page.getByRole("heading", { name: "Webhooks" }).waitFor();
    // A URL that is not https is refused, naming the field, and nothing is added.
    await page.getByLabel("URL (https)").fill("http://example.com/hook");
    await page.getByLabel("Someone comments").check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByText("http:// only to this machine").waitFor();
    assert.equal((await apiGet(server.base, token, "/api/v1/webhooks")).items.length, 0);
    // A receiver on this machine (down: its deliveries fail and are logged).
    await page.getByLabel("URL (https)").fill("http://127.0.0.1:9/okr-e2e");
    await page.getByRole("button", { name: "Add webhook" }).click();
    const secret = await page.locator("[role=status] code").innerText();
    assert.match(secret, /^whsec_/);
    await page.getByRole("cell", { name: "http://127.0.0.1:9/okr-e2e", exact: true }).waitFor();
    const made = await fetch(server.base + "/api/v1/objectives/growth-first-week/comments", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ body: "Is the webhook listening?" }),
    });
    assert.equal(made.status, 201);
    const [hook] = (await apiGet(server.base, token, "/api/v1/webhooks")).items;
    const log = await apiGet(server.base, token, `/api/v1/webhooks/${hook.id}/deliveries`);
    assert.equal(log.items.length, 1, JSON.stringify(log));
    await page.getByRole("button", { name: /Deliveries/ }).click();
    await page.getByRole("cell", { name: "comment.created", exact: true }).waitFor();
    await page.getByRole("button", { name: /Redeliver/ }).first().click();
    await page.getByText(/queued again/).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "admin-webhooks");
    // The secret is not shown again.
    await page.reload();
    await page.getByRole("cell", { name: "http://127.0.0.1:9/okr-e2e", exact: true }).waitFor();
    assert.equal(await page.getByText(secret).count(), 0);
    clean(page);
  });

  test("an administrator runs people, teams and a new quarter in the browser", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    // Someone invited: the link is shown once, and whoever opens it chooses a password,
    // is signed in and lands on My OKRs.
    await page.goto(server.base + "/admin");
    const invite = page.locator("form[aria-label='Invite someone']");
    await invite.getByLabel("E-mail").fill("not an e-mail");
    await invite.getByRole("button", { name: "Create sign-up link" }).click();
    await invite.locator("[role=alert]").waitFor();
    await invite.getByLabel("E-mail").fill("nadia@lumen.example");
    await invite.getByLabel("Name").fill("Nadia");
    await invite.getByRole("button", { name: "Create sign-up link" }).click();
    const link = await invite.locator(".sign-up-link").innerText();
    assert.match(link, /\/join#okr_i_/);
    const invited = await newPage(chrome.browser);
    await invited.goto(link);
    await invited.getByText("You were invited as nadia@lumen.example.").waitFor();
    assert.deepEqual(await axeViolations(invited), []);
    await invited.getByLabel("Name").fill("Nadia Novak");
    await invited.getByLabel("Password", { exact: true }).fill("short");
    await invited.getByLabel("Password again").fill("short");
    await invited.getByRole("button", { name: "Join" }).click();
    await invited.locator(".field-error").waitFor();
    await invited.getByLabel("Password", { exact: true }).fill("nadia-first-password");
    await invited.getByLabel("Password again").fill("nadia-first-password");
    await invited.getByRole("button", { name: "Join" }).click();
    await invited.getByRole("heading", { name: "My OKRs" }).waitFor();
    clean(invited);
    assert.equal((await apiGet(server.base, token, "/api/v1/users/nadia@lumen.example")).name, "Nadia Novak");
    // The link works once.
    const reused = await fetch(server.base + "/api/v1/invitations/accept", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ secret: link.split("#")[1], password: "someone-elses-password" }),
    });
    assert.equal(reused.status, 404);
    // Disabled, she cannot sign in; enabled, she can again.
    await page.reload();
    const row = page.locator("tr[data-user='nadia@lumen.example']");
    await row.getByRole("button", { name: "Disable nadia@lumen.example" }).click();
    await row.getByRole("button", { name: "Disable", exact: true }).click();
    await row.getByRole("cell", { name: "disabled" }).waitFor();
    assert.equal((await apiGet(server.base, token, "/api/v1/users/nadia@lumen.example")).disabled, true);
    const refused = await fetch(server.base + "/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "nadia@lumen.example", password: "nadia-first-password" }),
    });
    assert.ok([401, 403].includes(refused.status), `a disabled user signed in: ${refused.status}`);
    await row.getByRole("button", { name: "Enable nadia@lumen.example" }).click();
    await row.getByRole("button", { name: "Enable", exact: true }).click();
    await row.getByRole("cell", { name: "active" }).waitFor();
    const back = await fetch(server.base + "/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "nadia@lumen.example", password: "nadia-first-password" }),
    });
    assert.equal(back.status, 201);
    assert.deepEqual(await axeViolations(page), []);

    // A new team under product, then renamed.
    await page.goto(server.base + "/admin/teams");
    const create = page.locator("form[aria-label='New team']");
    await create.getByLabel("Key", { exact: true }).fill("research");
    await create.getByLabel("Name").fill("Research");
    await create.getByLabel("Function").fill("design");
    await create.getByLabel("Parent team (key)").fill("nowhere");
    await create.getByRole("button", { name: "Create team" }).click();
    await create.locator(".field-error").waitFor();
    assert.match(await create.locator(".field-error").innerText(), /nowhere/);
    await create.getByLabel("Parent team (key)").fill("product");
    await create.getByRole("button", { name: "Create team" }).click();
    await page.getByText("Created team research.").waitFor();
    await page.getByLabel("Team to change (key)").fill("research");
    await page.getByRole("button", { name: "Open" }).click();
    const change = page.locator("form[aria-label='Change Research']");
    await change.getByLabel("Name").fill("User research");
    await change.getByRole("button", { name: "Save team" }).click();
    await page.getByText("Saved.").waitFor();
    const research = await apiGet(server.base, token, "/api/v1/teams/research");
    const product = await apiGet(server.base, token, "/api/v1/teams/product");
    assert.equal(research.name, "User research");
    assert.equal(research.parent_id, product.id);
    assert.deepEqual(await axeViolations(page), []);
    // A team with a history is kept, and the page says why; one without goes.
    await page.getByLabel("Team to change (key)").fill("growth");
    await page.getByRole("button", { name: "Open" }).click();
    await page.getByRole("button", { name: "Delete team…" }).click();
    await page.getByRole("button", { name: "Delete Growth" }).click();
    await page.getByText(/team 'growth' still has .*objectives/).waitFor();
    await apiGet(server.base, token, "/api/v1/teams/growth");
    await page.getByLabel("Team to change (key)").fill("research");
    await page.getByRole("button", { name: "Open" }).click();
    await page.getByRole("button", { name: "Delete team…" }).click();
    await page.getByRole("button", { name: "Keep it" }).click();
    await page.getByRole("button", { name: "Delete team…" }).click();
    await page.getByRole("button", { name: "Delete User research" }).click();
    await page.getByText("Deleted team research.").waitFor();
    assert.equal((await fetch(server.base + "/api/v1/teams/research", { headers: { Authorization: `Bearer ${token}` } })).status, 404);

    // A new cycle, one objective carried over into it, started, then deleted from its page.
    await page.goto(server.base + "/admin/cycles");
    await page.getByLabel("Name").fill("2026-Q4");
    await page.getByRole("button", { name: "Create cycle" }).click();
    await page.locator("form[aria-labelledby='new-cycle'] [role=alert], form[aria-labelledby='new-cycle'] .field-error").filter({ hasText: "2026-Q4" }).first().waitFor();
    await page.getByLabel("Name").fill("2027-Q1");
    await page.getByRole("button", { name: "Create cycle" }).click();
    const q1 = page.locator("tr[data-cycle='2027-Q1']");
    await q1.waitFor();
    await q1.getByRole("button", { name: /Carry objectives over/ }).click();
    await q1.getByLabel("Team (key)").fill("growth");
    const first = q1.locator(".carry-over input[type=checkbox]").first();
    await first.waitFor();
    await first.check();
    await q1.getByRole("button", { name: /Carry 1 objective over into 2027-Q1/ }).click();
    await q1.getByText("Carried 1 objective over into 2027-Q1.").waitFor();
    await q1.getByRole("button", { name: "Start 2027-Q1" }).click();
    await q1.getByRole("button", { name: "Start", exact: true }).click();
    await q1.getByRole("cell", { name: "active" }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const carried = await apiGet(server.base, token, "/api/v1/objectives?cycle=2027-Q1&team=growth");
    assert.equal(carried.items.length, 1);
    await page.goto(server.base + `/objectives/${carried.items[0].id}`);
    await page.getByRole("button", { name: "Delete objective" }).click();
    await page.getByRole("button", { name: "Delete it" }).click();
    await page.waitForURL(/\/cycles\/2027-Q1\/teams\/growth$/);
    assert.equal((await apiGet(server.base, token, "/api/v1/objectives?cycle=2027-Q1&team=growth")).items.length, 0);

    // A KPI value recorded from the board.
    const kpis = await apiGet(server.base, token, "/api/v1/kpis?limit=1");
    const kpi = kpis.items[0];
    await page.goto(server.base + "/kpis");
    const card = page.locator(`article.kpi[data-kpi='${kpi.key}']`);
    await card.getByRole("button", { name: /Record a value/ }).click();
    await card.getByLabel(/Value/).fill("lots");
    await card.getByRole("button", { name: "Record value" }).click();
    await card.locator(".field-error, .problem, [role=alert]").first().waitFor();
    await card.getByLabel(/Value/).fill("4242");
    await card.getByRole("button", { name: "Record value" }).click();
    await card.getByRole("button", { name: /Record a value/ }).waitFor();
    const measured = await apiGet(server.base, token, `/api/v1/kpis/${kpi.key}/measurements?limit=500`);
    assert.equal(measured.items[measured.items.length - 1].value, 4242);
    clean(page);
  });

  test("an administrator sets a password, roles and members, moves a team, exports its OKRs and closes the quarter", async () => {
    const page = await newPage(chrome.browser);
    await signIn(page, server.base);
    const session = (email, password) =>
      fetch(server.base + "/api/v1/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password }) });
    // A password: a short one refused with the server's words at the field, a good one set.
    await page.goto(server.base + "/admin");
    const ben = page.locator("tr[data-user='ben@lumen.example']");
    await ben.getByRole("button", { name: "Set password of ben@lumen.example" }).click();
    const form = ben.locator("form[aria-label='New password for ben@lumen.example']");
    await form.getByLabel("New password").fill("short");
    await form.getByRole("button", { name: "Set password" }).click();
    await form.locator(".field-error").waitFor();
    assert.match(await form.locator(".field-error").innerText(), /characters|short|password/i);
    await form.getByLabel("New password").fill("ben-new-password-1");
    await form.getByRole("button", { name: "Set password" }).click();
    await ben.getByText("New password set; ben@lumen.example's sessions have ended.").waitFor();
    assert.equal((await session("ben@lumen.example", "ben-new-password-1")).status, 201);
    // The administrator right, given and taken back.
    await ben.getByRole("button", { name: "Make ben@lumen.example an administrator" }).click();
    await ben.getByRole("button", { name: "Make administrator" }).click();
    await ben.getByRole("button", { name: "Remove administrator right of ben@lumen.example" }).waitFor();
    assert.equal((await apiGet(server.base, token, "/api/v1/users/ben@lumen.example")).admin, true);
    await ben.getByRole("button", { name: "Remove administrator right of ben@lumen.example" }).click();
    await ben.getByRole("button", { name: "Remove the right" }).click();
    await ben.getByRole("button", { name: "Make ben@lumen.example an administrator" }).waitFor();
    assert.equal((await apiGet(server.base, token, "/api/v1/users/ben@lumen.example")).admin, false);

    // Team roles: a member found by name, made a viewer, then removed; an unknown person refused.
    const growth = await apiGet(server.base, token, "/api/v1/teams/growth");
    const users = await apiGet(server.base, token, "/api/v1/users?limit=500");
    const newcomer = users.items.find((u) => !u.disabled && !growth.members.some((m) => m.email === u.email));
    assert.ok(newcomer, "someone not yet in growth");
    await page.getByLabel("Team (key)").fill("growth");
    await page.getByRole("button", { name: "Show members" }).click();
    const add = page.getByLabel("Add a member (name or e-mail)");
    await add.fill("nobody@lumen.example");
    await page.getByLabel("Role", { exact: true }).selectOption("member");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.locator("[role=alert]").filter({ hasText: "nobody@lumen.example" }).waitFor();
    await add.fill(newcomer.email);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    const membersTable = page.locator("table").filter({ has: page.getByRole("columnheader", { name: "Member" }) });
    await membersTable.getByRole("cell", { name: newcomer.email, exact: true }).waitFor();
    await page.getByLabel(`Role of ${newcomer.email}`).selectOption("viewer");
    const isViewer = async () => (await apiGet(server.base, token, "/api/v1/teams/growth")).members.some((m) => m.email === newcomer.email && m.role === "viewer");
    for (let i = 0; i < 50 && !(await isViewer()); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(await isViewer(), "the role chosen in the table is stored");
    await page.getByRole("button", { name: `Remove ${newcomer.email}` }).click();
    await membersTable.getByRole("cell", { name: newcomer.email, exact: true }).waitFor({ state: "detached" });
    assert.ok(!(await apiGet(server.base, token, "/api/v1/teams/growth")).members.some((m) => m.email === newcomer.email));
    assert.deepEqual(await axeViolations(page), []);

    // A team moved under another department, with a lead, by typing names.
    await page.goto(server.base + "/admin/teams");
    const create = page.locator("form[aria-label='New team']");
    await create.getByLabel("Key", { exact: true }).fill("insights");
    await create.getByLabel("Name").fill("Insights");
    await create.getByLabel("Parent team (key)").fill("product");
    await create.getByRole("button", { name: "Create team" }).click();
    await page.getByText("Created team insights.").waitFor();
    await page.getByLabel("Team to change (key)").fill("insights");
    await page.getByRole("button", { name: "Open" }).click();
    const change = page.locator("form[aria-label='Change Insights']");
    await change.getByLabel("Parent team (key)").fill("marketing");
    await change.getByLabel("Lead (e-mail)").fill("ben@lumen.example");
    await change.getByLabel("Check-in cadence (days)").fill("0");
    await change.getByRole("button", { name: "Save team" }).click();
    await change.locator(".field-error").waitFor();
    await change.getByLabel("Check-in cadence (days)").fill("14");
    await change.getByRole("button", { name: "Save team" }).click();
    await page.getByText("Saved.").waitFor();
    const insights = await apiGet(server.base, token, "/api/v1/teams/insights");
    assert.equal(insights.parent_id, (await apiGet(server.base, token, "/api/v1/teams/marketing")).id);
    assert.ok(insights.members.some((m) => m.email === "ben@lumen.example" && m.role === "lead"));

    // A team's OKRs exported as YAML from its page, as the CLI would read them.
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    const exported = page.getByRole("link", { name: "Export YAML" });
    const yaml = await (await page.request.get(server.base + (await exported.getAttribute("href")))).text();
    assert.match(yaml, /growth/);
    assert.match(yaml, /objectives:/);
    for (const o of (await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/teams/growth")).objectives) assert.ok(yaml.includes(o.key), o.key);

    // The quarter graded and closed, with the lock explained; then a check-in is refused.
    await page.goto(server.base + "/admin/cycles");
    const q4 = page.locator("tr[data-cycle='2026-Q4']");
    await q4.getByRole("button", { name: "Start grading 2026-Q4" }).click();
    await q4.getByRole("button", { name: "Start grading", exact: true }).click();
    await q4.getByRole("cell", { name: "grading" }).waitFor();
    await q4.getByRole("button", { name: "Close 2026-Q4" }).click();
    await q4.getByText(/Closing locks the cycle: its grades become final/).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await q4.getByRole("button", { name: "Close", exact: true }).click();
    await q4.getByRole("cell", { name: "closed" }).waitFor();
    const refused = await fetch(server.base + "/api/v1/key-results/growth-activation/check-ins", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ value: 70 }),
    });
    assert.equal(refused.status, 409);
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await page.locator("li.kr[data-kr='growth-activation']").waitFor();
    assert.equal(await page.getByRole("button", { name: /^Check in/ }).count(), 0);
    // Reopened for grading, as an administrator may.
    await page.goto(server.base + "/admin/cycles");
    await q4.getByRole("button", { name: "Reopen 2026-Q4 for grading" }).click();
    await q4.getByRole("button", { name: "Reopen", exact: true }).click();
    await q4.getByRole("cell", { name: "grading" }).waitFor();
    clean(page);
  });

  test("a team lead's quarter in the browser: writes, checks in, corrects, asks another team, grades; each refusal in the API's words", async () => {
    const moveQuarter = async (state) => {
      const r = await fetch(server.base + "/api/v1/cycles/2026-Q4/state", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ state }),
      });
      assert.ok([200, 409].includes(r.status), `moving 2026-Q4 to ${state}: ${r.status}`);
    };
    await moveQuarter("active"); // the administrator's test before this one left it in grading
    okr(server.db, ["user", "password", "ana@lumen.example", "--password-stdin"], "lead-quarter-password\n");
    const page = await newPage(chrome.browser);
    await signIn(page, server.base, { email: "ana@lumen.example", password: "lead-quarter-password" });
    await page.getByRole("heading", { name: "My OKRs" }).waitFor();
    const growthOkrs = async () => (await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/teams/growth")).objectives;
    const before = (await growthOkrs()).length;

    // An objective whose second key result is refused: nothing is written until both are right.
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth/new");
    const objective = page.locator("fieldset", { hasText: "Objective" }).first();
    await objective.getByLabel("Title").fill("New teams reach their first decision without help");
    await page.getByRole("button", { name: "Add key result" }).click();
    await page.getByRole("button", { name: "Add key result" }).click();
    const kr1 = page.locator("fieldset.kr-edit").nth(0);
    const kr2 = page.locator("fieldset.kr-edit").nth(1);
    await kr1.getByLabel("Title").fill("Raise first decisions made without help from 20 to 45 a week");
    await kr1.getByLabel("Baseline (start)").fill("20");
    await kr1.getByLabel("Target").fill("45");
    await kr2.getByLabel("Title").fill("Cut help requests in a team's first week from 300 to 150");
    await kr2.getByLabel("Baseline (start)").fill("300");
    await kr2.getByLabel("Target").fill("");
    await page.getByRole("button", { name: "Save" }).click();
    await kr2.locator(".field-error").waitFor();
    assert.equal((await growthOkrs()).length, before, "a refused save writes nothing");
    await kr2.getByLabel("Target").fill("150");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/objectives\/\d+$/);
    const id = page.url().split("/").pop();
    const detail = await apiGet(server.base, token, `/api/v1/objectives/${id}/detail`);
    const krKey = detail.objective.key_results[0].key;
    assert.equal((await growthOkrs()).length, before + 1);

    // A check-in on it from the team page: a value that is not a number is refused, 30 is taken.
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    const kr = page.locator(`li.kr[data-kr="${krKey}"]`);
    await kr.getByRole("button", { name: /Check in/ }).click();
    await kr.getByLabel(/New value/).fill("thirty");
    await kr.getByRole("button", { name: "Save check-in" }).click();
    await kr.locator(".field-error, .problem").first().waitFor();
    await kr.getByLabel(/New value/).fill("30");
    await kr.getByRole("button", { name: "Save check-in" }).click();
    await kr.getByRole("button", { name: /Check in/ }).waitFor();
    await kr.locator(".kr-score", { hasText: "0.4" }).waitFor();
    const made = (await apiGet(server.base, token, `/api/v1/key-results/${krKey}/check-ins?limit=500`)).items.pop();
    assert.equal(made.value, 30);

    // Corrected from the objective's history: a refused value first, then 32.
    await page.goto(server.base + `/objectives/${id}`);
    const card = page.locator(`article.kr-detail[data-kr='${krKey}']`);
    await card.locator("summary").click();
    const row = card.locator(`tr[data-check-in='${made.id}']`);
    await row.getByRole("button", { name: /Correct/ }).click();
    await row.getByLabel(/Value/).fill("x");
    await row.getByRole("button", { name: "Save correction" }).click();
    await card.locator(".field-error, .problem, [role=alert]").first().waitFor();
    await row.getByLabel(/Value/).fill("32");
    await row.getByRole("button", { name: "Save correction" }).click();
    await card.locator(`tr[data-check-in='${made.id}'] td`, { hasText: "32" }).first().waitFor();

    // Asking another team: a team that does not exist is named in the refusal; design is asked.
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth");
    await kr.getByRole("button", { name: /Needs another team/ }).click();
    await kr.getByLabel(/Team whose work is needed/).fill("nowhere");
    await kr.getByLabel("What is needed, and by when").fill("A guided first decision, by week 6");
    await kr.getByRole("button", { name: "Ask the team" }).click();
    await kr.locator(".field-error, .problem").filter({ hasText: "nowhere" }).first().waitFor();
    await kr.getByLabel(/Team whose work is needed/).fill("design");
    await kr.getByRole("button", { name: "Ask the team" }).click();
    await kr.locator("[data-dependency-of='design']").waitFor();
    assert.deepEqual(await axeViolations(page), []);

    // The quarter ends: grading its own objective, an override without a reason is refused, then saved.
    await moveQuarter("grading");
    await page.goto(server.base + "/cycles/2026-Q4/teams/growth/grading");
    const form = page.locator(`form.grading[data-objective='${detail.objective.key}']`);
    await form.waitFor();
    const gradeRow = form.locator(`tbody tr[data-kr='${krKey}']`);
    await gradeRow.getByRole("checkbox").check();
    await gradeRow.getByLabel(/Score/).fill("0.6");
    await form.getByRole("button", { name: "Save grading" }).click();
    await form.locator(".field-error").filter({ hasText: /reason/ }).waitFor();
    await gradeRow.getByLabel(/Reason/).fill("help requests fell for a reason we did not plan");
    await form.getByRole("button", { name: "Save grading" }).click();
    await form.getByText("Saved.").waitFor();
    const review = await apiGet(server.base, token, `/api/v1/reviews/${detail.objective.key}`);
    assert.equal(review.overrides[0].score, 0.6);
    assert.deepEqual(await axeViolations(page), []);

    // A lead may not close the quarter: the API refuses, and the administration is not theirs.
    const closing = await page.evaluate(async () => {
      const s = await (await fetch("/api/v1/session")).json();
      const r = await fetch("/api/v1/cycles/2026-Q4/state", { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": s.csrf_token }, body: JSON.stringify({ state: "closed" }) });
      return r.status;
    });
    assert.equal(closing, 403);
    clean(page);
  });
});

test("each page's JavaScript stays under 150 KB gzipped", () => {
  const dir = join(process.env.OKR_WEB_DIR ?? join(sourceDir, "build/dev/web"), "assets");
  const scripts = readdirSync(dir).filter((f) => f.endsWith(".js"));
  assert.ok(scripts.length > 0, "no bundle found in " + dir);
  for (const f of scripts) {
    const size = gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
    assert.ok(size < 150 * 1024, `${f} is ${size} bytes gzipped`);
  }
});
