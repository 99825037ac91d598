// The end-to-end harness: a real `okr serve` on a fresh SQLite file on loopback,
// and Debian's Chromium driven through playwright-core.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const sourceDir = join(here, "../..");
const webRequire = createRequire(join(sourceDir, "web/package.json"));
const { chromium } = webRequire("playwright-core");
export const axeSource = readFileSync(webRequire.resolve("axe-core/axe.min.js"), "utf8");

export const okrBin = process.env.OKR_BIN ?? join(sourceDir, "build/dev/okr");
export const demoAdmin = { email: "maya@lumen.example", password: "lumen-demo-2026" };

/** Runs the okr command on a database; returns its standard output. */
export function okr(db, args, input) {
  return execFileSync(okrBin, ["--db", db, ...args], { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
}

/**
 * A served database: `kind` is "demo", "medium" or "large" (okr demo --scale …: 1,000 or 10,000 teams),
 * "empty" (with one administrator) or "bare" (no user at all); `serveArgs` go to `okr serve`. `output()` is what the server printed.
 */
export async function startServer(kind, serveArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), "okr-e2e-"));
  const db = join(dir, "okr.db");
  if (kind === "demo") okr(db, ["demo"]);
  else if (kind === "medium" || kind === "large") okr(db, ["demo", "--scale", kind]);
  else if (kind === "bare") okr(db, ["init", "--create"]);
  else {
    okr(db, ["init", "--create"]);
    okr(db, ["user", "add", "admin@example.com", "--name", "Ada Admin", "--admin", "--password-stdin"], "first-run-password\n");
  }
  const child = spawn(okrBin, ["--db", db, "serve", "--listen", "127.0.0.1:0", ...serveArgs], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  let out = "";
  child.stderr.on("data", (d) => (log += d));
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("okr serve did not start: " + out + log)), 20_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`okr serve exited with ${code}: ${out}${log}`)));
  });
  return {
    base,
    db,
    pid: child.pid,
    log: () => log,
    output: () => out,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// playwright-core gives each launch a fresh, empty profile of its own (its
// --user-data-dir), removed when the browser closes.
export async function startBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A new page whose console errors and uncaught exceptions are collected. */
export async function newPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`uncaught: ${e.message}`));
  page.on("console", (m) => {
    // A refused request is logged by the browser itself; the pages show those in place.
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  // Content-Security-Policy violations are reported as console errors too.
  return page;
}

export async function signIn(page, base, who = demoAdmin) {
  await page.goto(base + "/signin");
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** Serious and critical accessibility violations on the page as it is now. */
export async function axeViolations(page) {
  // Evaluated through the browser's debugging protocol, so the page's strict CSP
  // (no inline scripts) stays in force for the page itself.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

/** An API call with a bearer token, for reading back what the page wrote. */
export async function apiGet(base, token, path) {
  const r = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

// Under the build folder (ctest sets it); `make screenshots` copies them to docs/screenshots/.
export const screenshotDir = process.env.OKR_SCREENSHOTS ?? join(sourceDir, "build/screenshots");
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/** Timings of the first render of each page, for docs/performance.md (never asserted). */
const timings = {};
export function recordTiming(name, ms) {
  timings[name] = Math.round(ms);
}
export function writeTimings() {
  const out = process.env.OKR_E2E_TIMINGS;
  if (!out) return;
  let all = {};
  if (existsSync(out)) all = JSON.parse(readFileSync(out, "utf8"));
  writeFileSync(out, JSON.stringify({ ...all, ...timings }, null, 1) + "\n");
}
