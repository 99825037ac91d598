// The page benchmark: each main page of the dashboard in headless Chromium on a
// 10,000-team company (`okr demo --scale large`), timed from navigation until its main
// content shows (nothing still loading), five times after one warm-up, with the API
// requests it made by then, its DOM nodes and its largest API response; and the
// header's search, from typing until the first thing found shows. Prints a Markdown
// table for docs/performance.md.
//
//   OKR_BIN=build/dev/okr node bench/pages.mjs [SCALE] [RUNS]
//   OKR_BIN=build/dev/okr node bench/pages.mjs large 5
import { demoAdmin, newPage, okr, signIn, startBrowser, startServer } from "../tests/e2e/harness.mjs";
import { mainPages, measure, searchFor } from "../tests/budgets/pages.mjs";

const scale = process.argv[2] ?? "large";
const runs = Number(process.argv[3] ?? 5);
const say = (text) => process.stderr.write(text + "\n");

say(`== pages: building the ${scale} organisation`);
const t0 = performance.now();
const server = await startServer(scale);
say(`   built and serving in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const chrome = await startBrowser();
try {
  const token = okr(server.db, ["token", "create", "--user", demoAdmin.email, "--name", "bench"]).trim().split(/\s+/).pop();
  const page = await newPage(chrome.browser);
  await signIn(page, server.base);
  const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  const rows = [];
  for (const [name, path, ready] of await mainPages(server.base, token)) {
    say(`   ${name}`);
    await measure(page, server.base, path, ready); // warm-up: the server's shared copies, the browser's cache
    const times = [];
    let last;
    for (let i = 0; i < runs; i++) {
      last = await measure(page, server.base, path, ready);
      times.push(last.ms);
    }
    rows.push(`| ${name} | ${quantile(times, 0.5).toFixed(0)} | ${Math.max(...times).toFixed(0)} | ${last.requests.length} | ${last.nodes} | ${Math.round(last.largest.bytes / 1024)} |`);
  }
  say("   search");
  const words = ["team 10", "dept", "activation", "maya", "growth", "team-9999", "retention", "platform"];
  const searches = [];
  for (let i = 0; i < runs * 4; i++) searches.push(await searchFor(page, words[i % words.length]));
  console.log(`\n### Pages at ${scale} (${runs} runs after a warm-up, headless Chromium)\n`);
  console.log("| page | main content p50 (ms) | max (ms) | API requests before it | DOM nodes | largest API response (KB) |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) console.log(r);
  console.log(`| search, typing to first result | ${quantile(searches, 0.5).toFixed(0)} | ${Math.max(...searches).toFixed(0)} | | | |`);
} finally {
  await chrome.close();
  await server.stop();
}
