// The OpenAPI document and a validator of its schemas (JSON Schema 2020-12, with ajv),
// shared by the contract tests.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { sourceDir } from "../e2e/harness.mjs";

const webRequire = createRequire(join(sourceDir, "web/package.json"));
const Ajv2020 = webRequire("ajv/dist/2020").default;

export const spec = JSON.parse(readFileSync(join(sourceDir, "src/http/api/openapi.json"), "utf8"));
// Every "#/components/…" reference resolves against the document, wherever it is used.
export const rewritten = JSON.parse(JSON.stringify(spec).replaceAll('"#/components/', '"openapi#/components/'));
export const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "openapi", components: rewritten.components });

// The response object of an operation for a status (or its default), its $ref followed.
export function responseFor(path, method, status) {
  const op = rewritten.paths[path]?.[method];
  const response = op?.responses?.[String(status)] ?? op?.responses?.default;
  if (!response) return undefined;
  return response.$ref ? rewritten.components.responses[response.$ref.split("/").pop()] : response;
}

export function schemaFor(path, method, status, type = "application/json") {
  return responseFor(path, method, status)?.content?.[type]?.schema;
}
