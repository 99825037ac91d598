// node --test: the editor's coach in the form's words, and ranges stated in titles.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as esbuild from "esbuild";

const { outputFiles } = await esbuild.build({
  entryPoints: [new URL("./coach-words.ts", import.meta.url).pathname],
  bundle: true, format: "esm", write: false,
});
const w = await import("data:text/javascript;base64," + Buffer.from(outputFiles[0].text).toString("base64"));

test("the coach's file-format words become the form's labels", () => {
  assert.equal(w.inFormWords("Name one person who owns it: owner: name@example.com."), "Name one person who owns it: an e-mail in Owner.");
  assert.equal(w.inFormWords("Set aligns_to to the key of the parent objective it contributes to."), "Choose in “Aligns to” the objective above that it contributes to.");
  assert.equal(w.inFormWords("e.g. start: 40, target: 65."), "e.g. Baseline 40, Target 65.");
  assert.equal(w.inFormWords("metric: boolean"), "Metric boolean");
});

test("a title that says from X to Y offers them as baseline and target", () => {
  assert.deepEqual(w.statedRange("Raise first-session task success from 64% to 85%"), { start: "64", target: "85" });
  assert.deepEqual(w.statedRange("Grow weekly deciding teams from 1,200 to 1,600"), { start: "1200", target: "1600" });
  assert.deepEqual(w.statedRange("Cut median time from 3.5 days to 1 day"), { start: "3.5", target: "1" });
  assert.equal(w.statedRange("Make onboarding delightful"), null);
  assert.equal(w.statedRange("Keep churn from 2 to 2"), null);
});

test("a rewrite built from the writer's words reaches the form as the coach wrote it", () => {
  const rewrite =
    "Name the change the onboarding checklist should cause: 'Ship the new onboarding checklist so that <who> <does what>', measured as 'Raise onboarding completion from X% to Y%'";
  assert.equal(w.inFormWords(rewrite), rewrite);
  const destination =
    "Say what will be true for people or the business when it has worked, in your words: 'The tenant portal is used by <who> to <do what>' rather than 'Lead …'.";
  assert.equal(w.inFormWords(destination), destination);
});
