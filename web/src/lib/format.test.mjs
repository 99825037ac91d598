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

test("float noise never reaches a person", () => {
  assert.equal(f.plain(63.800000000000004), "63.8");
  assert.equal(f.plain(0.1 + 0.2), "0.3");
  assert.equal(f.plain(null), "");
});

test("where a key result stands says its start, and a range its bounds", () => {
  assert.equal(f.standing({ metric: "percent", unit: "", start: 2.1, target: 3.5, current: 2.8 }), "2.8 % now · from 2.1 % to 3.5 %");
  assert.equal(f.standing({ metric: "number", unit: "days", start: 3, target: 1, current: 2.5 }), "2.5 days now · from 3 days to 1 day");
  assert.equal(f.standing({ metric: "range", unit: "%", start: 0, target: 0, current: 1.6, low: 1, high: 2 }), "1.6 % now · keep within 1 %–2 %");
  assert.equal(f.standing({ metric: "number", unit: "", start: 5, target: 9, current: null }), "5 (start) · from 5 to 9");
});

test("a forecast whose range is one number shows the score alone", () => {
  assert.equal(f.forecastText({ score: 0.61, low: 0.6, high: 0.64 }), "forecast 0.6");
  assert.equal(f.forecastText({ score: 0.6, low: 0.4, high: 0.8 }), "forecast 0.6 (0.4–0.8)");
});

test("counts agree with their nouns", () => {
  assert.equal(f.count(1, "objective"), "1 objective");
  assert.equal(f.count(3, "objective"), "3 objectives");
  assert.equal(f.count(10000, "team"), "10,000 teams");
});
