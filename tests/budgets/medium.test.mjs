// Every main page within its budget on a company of 1,000 teams (`okr demo --scale
// medium`), as counts rather than times: at most 10 API requests before the main
// content shows, under 3,000 DOM nodes when it first shows, and no API response over
// 500 KB. A page that loads everything breaks one of these long before it is slow.
// The timings at `large` are in `make bench` (docs/performance.md), never here.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { demoAdmin, newPage, okr, signIn, startBrowser, startServer } from "../e2e/harness.mjs";
import { mainPages, measure, searchFor } from "./pages.mjs";

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
  const pages = await mainPages(server.base, token);
  const page = await newPage(chrome.browser);
  await signIn(page, server.base);
  const figures = [];
  for (const [name, path, ready] of pages) {
    const { requests, nodes, largest } = await measure(page, server.base, path, ready);
    figures.push(`${name}: ${requests.length} requests, ${nodes} nodes, largest ${Math.round(largest.bytes / 1024)} KB`);
    assert.ok(requests.length <= budget.requests, `${name}: ${requests.length} API requests before the main content: ${requests.join(", ")}`);
    assert.ok(nodes < budget.nodes, `${name}: ${nodes} DOM nodes`);
    assert.ok(largest.bytes <= budget.bytes, `${name}: ${largest.url} answered ${largest.bytes} bytes`);
  }
  // Search results: the header's box, answered a few at a time.
  const searched = [];
  page.on("response", async (r) => {
    if (!r.url().includes("/api/v1/search")) return;
    try {
      searched.push((await r.body()).length);
    } catch {
      // dropped by the next keystroke's question
    }
  });
  await searchFor(page, "team 10");
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  assert.ok(nodes < budget.nodes, `search: ${nodes} DOM nodes`);
  assert.ok(searched.length >= 1 && searched.length <= budget.requests, `search: ${searched.length} requests`);
  assert.ok(Math.max(...searched) <= budget.bytes, `search answered ${Math.max(...searched)} bytes`);
  console.log(figures.join("\n"));
  assert.deepEqual(page.problems, []);
});
