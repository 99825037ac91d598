// The OpenAPI document shows what to send and what comes back: every request body and
// every 2xx JSON answer has an example (taken from a real server by
// scripts/openapi-examples), and each example is valid against its own schema, so an
// example never teaches a field the server refuses or no longer sends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rewritten, ajv, responseFor } from "./openapi.mjs";

const methods = ["get", "post", "put", "patch", "delete"];

function* operations() {
  for (const [path, ops] of Object.entries(rewritten.paths))
    for (const method of methods) if (ops[method]) yield [path, method, ops[method]];
}

// The example of a media type: `example`, or the first of `examples`.
function exampleOf(media) {
  if ("example" in media) return { found: true, value: media.example };
  const first = Object.values(media.examples ?? {})[0];
  return first && "value" in first ? { found: true, value: first.value } : { found: false };
}

function check(where, media, problems) {
  const example = exampleOf(media);
  if (!example.found) return problems.push(`${where}: no example`);
  if (!media.schema) return;
  const validate = ajv.compile(media.schema);
  if (!validate(example.value)) problems.push(`${where}: the example breaks its schema: ${ajv.errorsText(validate.errors)}`);
}

test("every request body has an example, valid against its schema", () => {
  const problems = [];
  let bodies = 0;
  for (const [path, method, op] of operations()) {
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
      bodies++;
      if (type === "application/json") check(`${method.toUpperCase()} ${path} request (${type})`, media, problems);
      else if (!exampleOf(media).found) problems.push(`${method.toUpperCase()} ${path} request (${type}): no example`);
    }
  }
  assert.ok(bodies >= 50, `only ${bodies} request bodies in the document`);
  assert.deepEqual(problems, []);
});

test("every 2xx JSON answer has an example, valid against its schema", () => {
  const problems = [];
  let answers = 0;
  for (const [path, method, op] of operations()) {
    for (const status of Object.keys(op.responses ?? {}).filter((s) => s.startsWith("2"))) {
      const media = responseFor(path, method, status)?.content?.["application/json"];
      if (!media) continue;
      answers++;
      check(`${method.toUpperCase()} ${path} ${status}`, media, problems);
    }
  }
  assert.ok(answers >= 100, `only ${answers} JSON answers in the document`);
  assert.deepEqual(problems, []);
});
