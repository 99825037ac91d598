// node --test: the display helpers, with cases a user can check by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as esbuild from "esbuild";

const { outputFiles } = await esbuild.build({
  entryPoints: [new URL("./format.ts", import.meta.url).pathname],
  bundle: true, format: "esm", write: false,
});
const f = await import("data:text/javascript;base64," + Buffer.from(outputFiles[0].text).toString("base64"));

test("scores show one decimal", () => {
  assert.equal(f.score1(0.666), "0.7");
  assert.equal(f.score1(0.64), "0.6");
  assert.equal(f.score1(1), "1.0");
  assert.equal(f.score1(null), "–");
});

test("bands follow the one-decimal score", () => {
  assert.equal(f.bandOf(0.35), "yellow"); // shows 0.4
  assert.equal(f.bandOf(0.34), "red");
  assert.equal(f.bandOf(0.65), "green"); // shows 0.7
});

test("days since a check-in", () => {
  assert.equal(f.daysSince("2026-11-24T18:00:00Z", "2026-12-01"), 7);
  assert.equal(f.daysSince("2026-12-01T08:00:00Z", "2026-12-01"), 0);
  assert.equal(f.ago(1), "yesterday");
});

test("values carry their unit", () => {
  assert.equal(f.formatValue(62.5, "percent"), "62.5 %");
  assert.equal(f.formatValue(1, "boolean"), "done");
  assert.equal(f.formatValue(1200, "currency", "EUR"), "1,200 EUR");
  assert.equal(f.formatValue(null, "number"), "–");
});

test("the day of a cycle", () => {
  assert.deepEqual(f.cycleDay("2026-10-01", "2026-12-31", "2026-12-01"), { day: 62, days: 92 });
  assert.deepEqual(f.cycleDay("2026-10-01", "2026-12-31", "2027-02-01"), { day: 92, days: 92 });
});
