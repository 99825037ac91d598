// The main pages of the dashboard and how one is measured, shared by the budget test
// (counts on a 1,000-team company, in `make test`) and the page benchmark (times on a
// 10,000-team company, in `make bench`).
import { apiGet } from "../e2e/harness.mjs";

/** [name, path, what shows once the main content is there], in a demo company's current cycle. */
export async function mainPages(base, token, cycle = "2026-Q4") {
  const company = await apiGet(base, token, `/api/v1/cycles/${cycle}/teams/company`);
  const objective = company.objectives[0].id;
  // A team at the bottom of the tree (the generated organisations name them team-N).
  const teams = await apiGet(base, token, "/api/v1/teams?limit=500");
  const team = (teams.items.find((t) => t.key.startsWith("team-")) ?? teams.items[teams.items.length - 1]).key;
  return [
    ["overview", `/cycles/${cycle}`, "table.teams"],
    ["department", `/cycles/${cycle}/teams/dept-1`, "section.sub-teams tbody tr"],
    ["team", `/cycles/${cycle}/teams/${team}`, "main h1"],
    ["objective", `/objectives/${objective}`, ".kr-detail"],
    ["alignment", `/cycles/${cycle}/alignment`, "ul.tree li"],
    ["kpis", "/kpis", "article.kpi"],
    ["sprints", "/sprints", "main h1"],
    ["team sprints", `/teams/${team}/sprints`, "main h1"],
    ["admin users", "/admin", "main tbody tr"],
    ["audit log", "/admin/audit", "main tbody tr"],
    ["home", "/", "main h1"],
  ];
}

/**
 * Opens `path` in `page` and waits for `ready` and for no part of the main content to
 * be loading. Returns the API requests made by then, the DOM nodes then, the time it
 * took (ms), and the largest API response of the page once it is idle.
 */
export async function measure(page, base, path, ready) {
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
  const t0 = performance.now();
  await page.goto(base + path);
  await page.locator(ready).first().waitFor();
  await page.waitForFunction(() => !document.querySelector("main .loading"));
  const ms = performance.now() - t0;
  const before = requests.length;
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  await page.waitForLoadState("networkidle");
  page.off("request", onRequest);
  page.off("response", onResponse);
  const largest = responses.reduce((m, r) => (r.bytes > m.bytes ? r : m), { url: "", bytes: 0 });
  return { requests: requests.slice(0, before), nodes, ms, largest };
}

/** Types `text` in the header's search box and waits for the first thing found: the time it took (ms). */
export async function searchFor(page, text) {
  const box = page.getByRole("combobox", { name: "Search teams, people, objectives and key results" });
  await box.fill("");
  const t0 = performance.now();
  await box.fill(text);
  await page.locator(".search-results [role=option]").first().waitFor();
  return performance.now() - t0;
}
