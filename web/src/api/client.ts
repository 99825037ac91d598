// The one way to the server: a typed client over /api/v1, generated from the
// server's OpenAPI document. It adds the CSRF token to writes, turns problem
// documents into ApiError, and sends an expired session back to sign-in.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.gen";

export type Schemas = components["schemas"];

/** A refused or failed request, carrying the server's problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail || title);
  }
}

let csrfToken = "";
export function setCsrfToken(token: string | undefined) {
  csrfToken = token ?? "";
}

/** Called when the server says the session is gone (401). */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void) {
  onUnauthenticated = handler;
}

const middleware: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && request.method !== "HEAD" && csrfToken)
      request.headers.set("X-CSRF-Token", csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin, credentials: "same-origin" });
api.use(middleware);

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** Unwraps a client call: the body on success, ApiError otherwise. */
export async function must<T>(call: Promise<Outcome<T>>, quietAuth = false): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch {
    throw new ApiError(0, "Network error", "The server could not be reached. Check your connection and try again.");
  }
  const { data, error, response } = outcome;
  if (response.ok) return data as T;
  const problem = (error ?? {}) as { title?: string; detail?: string; field?: string };
  if (response.status === 401 && !quietAuth) onUnauthenticated();
  throw new ApiError(
    response.status,
    problem.title ?? response.statusText,
    problem.detail ?? `The server answered ${response.status}.`,
    problem.field,
  );
}

/**
 * Every item of a paged list ({items, next}), following the `next` cursor page by page:
 *   everyPage<Schemas["Team"]>((after) => must(api.GET("/api/v1/teams", { params: { query: { limit: 500, after } } })))
 */
export async function everyPage<T>(
  page: (after: string | undefined) => Promise<{ items?: T[]; next?: string | null }>,
): Promise<{ items: T[]; next: null }> {
  const items: T[] = [];
  let after: string | undefined;
  for (;;) {
    const p = await page(after);
    items.push(...(p.items ?? []));
    if (!p.next) return { items, next: null };
    after = p.next;
  }
}

/** The ETag of a response body's version, for If-Match. */
export const etag = (version: number) => `"v${version}"`;
