// The API's answers match its contract: every GET route of the OpenAPI document is
// called on a real `okr serve` with the demo organisation, and each JSON answer is
// validated against the schema the document gives for it (JSON Schema 2020-12, with
// ajv). So are the problem documents of refused requests. A route the document lists
// that cannot be called, or an answer that breaks its schema, fails the test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { startServer, okr } from "../e2e/harness.mjs";
import { spec, ajv, schemaFor } from "./openapi.mjs";

let server, token;
const get = async (url) => {
  const r = await fetch(server.base + url, { headers: { Authorization: `Bearer ${token}` } });
  const text = await r.text();
  return { status: r.status, type: r.headers.get("content-type") ?? "", text };
};
const firstItem = async (url) => JSON.parse((await get(url)).text).items[0];

before(async () => {
  server = await startServer("demo");
  token = okr(server.db, ["token", "create", "--user", "maya@lumen.example", "--name", "contract"]).trim().split(/\s+/).pop();
});
after(async () => server && (await server.stop()));

test("every GET route answers what its schema says", async () => {
  const cycles = JSON.parse((await get("/api/v1/cycles")).text).items;
  const current = cycles.find((c) => c.state === "active");
  const graded = cycles.find((c) => c.state !== "active");
  const objective = await firstItem(`/api/v1/objectives?cycle=${current.name}`);
  const keyResult = await firstItem(`/api/v1/key-results?cycle=${current.name}`);
  const review = await firstItem(`/api/v1/reviews?cycle=${graded.name}`);
  const values = {
    cycle: current.name,
    team: "growth",
    user: (await firstItem("/api/v1/users")).id,
    objective: objective.key,
    key_result: keyResult.key,
    sprint: (await firstItem("/api/v1/sprints")).id,
    initiative: (await firstItem("/api/v1/initiatives")).id,
    kpi: (await firstItem("/api/v1/kpis")).key,
    dependency: (await firstItem(`/api/v1/dependencies?cycle=${current.name}`)).id,
    check_in: (await firstItem(`/api/v1/key-results/${keyResult.key}/check-ins`)).id,
    // A webhook for comments (to a closed port: its deliveries fail and are logged).
    webhook: await (async () => {
      const r = await fetch(`${server.base}/api/v1/webhooks`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ url: "http://127.0.0.1:9/hook", events: ["comment.created"] }),
      });
      assert.equal(r.status, 201);
      return (await r.json()).id;
    })(),
    // Ana's comment mentioning Maya: a notification in the inbox read below.
    comment: await (async () => {
      const ana = okr(server.db, ["token", "create", "--user", "ana@lumen.example", "--name", "contract"]).trim().split(/\s+/).pop();
      const r = await fetch(`${server.base}/api/v1/objectives/growth-first-week/comments`, {
        method: "POST",
        headers: { Authorization: `Bearer ${ana}`, "Content-Type": "application/json" },
        body: JSON.stringify({ body: "Why, @maya@lumen.example?" }),
      });
      assert.equal(r.status, 201);
      return (await r.json()).id;
    })(),
  };
  // An e-mail's unsubscribe link, signed as the server signs it once mail is on.
  okr(server.db, ["mail", "set", "--smtp", "smtp://127.0.0.1:9", "--tls", "none", "--from", "okr@lumen.example", "--public-url", server.base]);
  const mailKey = execFileSync("sqlite3", [server.db, "SELECT value FROM settings WHERE key = 'mail.unsubscribe_key'"]).toString().trim();
  const unsubscribe = `${values.user}.mention`;
  const queries = {
    "/api/v1/reviews": `?cycle=${graded.name}`,
    "/api/v1/reviews/{objective}": "",
    "/api/v1/search": "?q=growth",
    "/api/v1/unsubscribe": `?token=${unsubscribe}.${createHmac("sha256", mailKey).update(unsubscribe).digest("hex").slice(0, 32)}`,
  };
  const checked = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    if (!ops.get) continue;
    let url = path.replace(/\{(\w+)\}/g, (_, name) => {
      assert.ok(values[name] !== undefined, `no value for {${name}} in ${path}`);
      return encodeURIComponent(path === "/api/v1/reviews/{objective}" ? review.objective_id : values[name]);
    });
    url += queries[path] ?? "";
    const answer = await get(url);
    assert.equal(answer.status, 200, `GET ${url}: ${answer.status} ${answer.text.slice(0, 300)}`);
    if (!answer.type.startsWith("application/json")) continue;
    const schema = schemaFor(path, "get", 200);
    assert.ok(schema, `GET ${path}: the document gives no schema for its JSON answer`);
    const validate = ajv.compile(schema);
    const body = JSON.parse(answer.text);
    assert.ok(validate(body), `GET ${url} breaks its schema: ${ajv.errorsText(validate.errors)}`);
    checked.push(path);
  }
  assert.ok(checked.length >= 30, `only ${checked.length} JSON answers were checked`);
});

test("refused requests answer problem documents that match the schema", async () => {
  const cases = [
    ["/api/v1/objectives/no-such-objective", "/api/v1/objectives/{objective}", 404],
    ["/api/v1/cycles/1999-Q1/summary", "/api/v1/cycles/{cycle}/summary", 404],
    ["/api/v1/objectives?limit=abc", "/api/v1/objectives", 400],
  ];
  for (const [url, path, status] of cases) {
    const answer = await get(url);
    assert.equal(answer.status, status, `GET ${url}: ${answer.status} ${answer.text}`);
    assert.match(answer.type, /^application\/problem\+json/, `GET ${url}: ${answer.type}`);
    const schema = schemaFor(path, "get", status, "application/problem+json");
    assert.ok(schema, `GET ${path}: the document gives no schema for its ${status} answer`);
    const validate = ajv.compile(schema);
    assert.ok(validate(JSON.parse(answer.text)), `GET ${url}: ${ajv.errorsText(validate.errors)}`);
  }
});
