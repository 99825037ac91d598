// Every main page within its budget on a company of 1,000 teams (`okr demo --scale
// medium`), as counts rather than times: at most 10 API requests before the main
// content shows, under 3,000 DOM nodes when it first shows, and no API response over
// 500 KB. A page that loads everything breaks one of these long before it is slow.
// The timings at `large` are in `make bench` (docs/performance.md), never here.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { apiGet, demoAdmin, newPage, okr, signIn, startBrowser, startServer } from "../e2e/harness.mjs";

const budget = { requests: 10, nodes: 3000, bytes: 500 * 1024 };

let server, chrome, token;
before(async () => {
  server = await startServer("medium");
  chrome = await startBrowser();
  token = okr(server.db, ["token", "create", "--user", demoAdmin.email, "--name", "budgets"]).trim().split(/\s+/).pop();
});
after(async () => {
  await chrome?.close();
  await server?.stop();
});

test("every main page of a 1,000-team company stays within its budget", async () => {
  const company = await apiGet(server.base, token, "/api/v1/cycles/2026-Q4/teams/company");
  const objective = company.objectives[0].id;
  const pages = [
    ["overview", "/cycles/2026-Q4", "table.teams"],
    ["department", "/cycles/2026-Q4/teams/dept-1", "section.sub-teams tbody tr"],
    ["team", "/cycles/2026-Q4/teams/team-100", "main h1"],
    ["objective", `/objectives/${objective}`, ".kr-detail"],
    ["alignment", "/cycles/2026-Q4/alignment", "ul.tree li"],
    ["kpis", "/kpis", "article.kpi"],
    ["sprints", "/sprints", "main h1"],
    ["team sprints", "/teams/team-100/sprints", "main h1"],
    ["admin users", "/admin", "main tbody tr"],
    ["audit log", "/admin/audit", "main tbody tr"],
    ["home", "/", "main h1"],
  ];
  const page = await newPage(chrome.browser);
  await signIn(page, server.base);
  const figures = [];
  for (const [name, path, ready] of pages) {
    const requests = [];
    const responses = [];
    const onRequest = (r) => r.url().includes("/api/") && requests.push(new URL(r.url()).pathname);
    const onResponse = async (r) => {
      if (!r.url().includes("/api/")) return;
      try {
        responses.push({ url: new URL(r.url()).pathname + new URL(r.url()).search, bytes: (await r.body()).length });
      } catch {
        // a response dropped by a navigation has no body to measure
      }
    };
    page.on("request", onRequest);
    page.on("response", onResponse);
    await page.goto(server.base + path);
    await page.locator(ready).first().waitFor();
    await page.waitForFunction(() => !document.querySelector("main .loading"));
    const before = requests.length;
    const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
    await page.waitForLoadState("networkidle");
    page.off("request", onRequest);
    page.off("response", onResponse);
    const largest = responses.reduce((m, r) => (r.bytes > m.bytes ? r : m), { url: "", bytes: 0 });
    figures.push(`${name}: ${before} requests, ${nodes} nodes, largest ${Math.round(largest.bytes / 1024)} KB`);
    assert.ok(before <= budget.requests, `${name}: ${before} API requests before the main content: ${requests.join(", ")}`);
    assert.ok(nodes < budget.nodes, `${name}: ${nodes} DOM nodes`);
    assert.ok(largest.bytes <= budget.bytes, `${name}: ${largest.url} answered ${largest.bytes} bytes`);
  }
  // Search results: the header's box, answered a few at a time.
  const box = page.getByRole("combobox", { name: "Search teams, people, objectives and key results" });
  await box.fill("team 10");
  await page.locator(".search-results [role=option]").first().waitFor();
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  assert.ok(nodes < budget.nodes, `search: ${nodes} DOM nodes`);
  console.log(figures.join("\n"));
  assert.deepEqual(page.problems, []);
});
