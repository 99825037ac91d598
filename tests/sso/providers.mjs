// OpenID providers on loopback for the single sign-on tests:
//  - a real one, the npm package oidc-provider, with its development login form;
//  - a scripted one that answers the token request with whatever id token a test
//    asks for (wrong nonce, wrong audience, expired, an unknown key, alg none, …),
//    signed with real keys by jose, so okr's real verification refuses or accepts it.
import { createServer } from "node:http";
import { createHash, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const webRequire = createRequire(join(here, "../../web/package.json"));
const jose = await import(webRequire.resolve("jose"));
const { default: Provider } = await import(webRequire.resolve("oidc-provider"));

async function listen(handler) {
  const server = createServer(handler);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, issuer: `http://127.0.0.1:${server.address().port}` };
}

export async function keyPair(alg, kid) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  const pub = { ...(await jose.exportJWK(publicKey)), kid, alg, use: "sig" };
  const priv = { ...(await jose.exportJWK(privateKey)), kid, alg, use: "sig" };
  return { alg, kid, publicKey, privateKey, pub, priv };
}

/**
 * oidc-provider with one client for okr. `people` maps a login typed into its form to
 * claims ({email, email_verified, name, groups}).
 */
export async function startRealProvider({ clientId, clientSecret, redirectUris, people }) {
  const { server, issuer } = await listen((req, res) => handler(req, res));
  const key = await keyPair("RS256", "real-1");
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris,
      grant_types: ["authorization_code"], response_types: ["code"] }],
    jwks: { keys: [key.priv] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, id) {
      const who = people[id];
      if (!who) return undefined;
      return { accountId: id, async claims() { return { sub: `sub-${id}`, ...who }; } };
    },
  });
  provider.proxy = false;
  const handler = provider.callback();
  return { issuer, stop: () => new Promise((r) => server.close(r)), server };
}

/**
 * A scripted provider. `next` says what the token endpoint answers for the next code:
 * a function (claims, keys) → {token} building the id token; the default signs the
 * right claims with the current key. `rotate()` replaces the published key.
 */
export async function startScriptedProvider({ clientId, clientSecret }) {
  const state = { keys: [await keyPair("RS256", "k1")], authorizations: new Map(), tokenRequests: [], jwksFetches: 0 };
  const { server, issuer } = await listen(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const json = (status, body) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`, response_types_supported: ["code"], subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256", "ES256"] });
    }
    if (url.pathname === "/jwks") {
      state.jwksFetches++;
      return json(200, { keys: state.keys.map((k) => k.pub) });
    }
    if (url.pathname === "/authorize") {
      // No login form: the test reads the parameters and plays the browser itself.
      const code = randomUUID();
      const p = Object.fromEntries(url.searchParams);
      state.authorizations.set(code, p);
      res.writeHead(302, { Location: `${p.redirect_uri}?code=${code}&state=${encodeURIComponent(p.state)}` });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const form = Object.fromEntries(new URLSearchParams(body));
      const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
      state.tokenRequests.push({ form, basic });
      const auth = state.authorizations.get(form.code);
      state.authorizations.delete(form.code); // a code works once
      if (!auth) return json(400, { error: "invalid_grant" });
      if (basic !== `${clientId}:${clientSecret}`) return json(401, { error: "invalid_client" });
      const challenge = createHash("sha256").update(form.code_verifier ?? "").digest("base64url");
      if (auth.code_challenge_method !== "S256" || challenge !== auth.code_challenge) return json(400, { error: "invalid_grant", error_description: "PKCE" });
      if (form.redirect_uri !== auth.redirect_uri) return json(400, { error: "invalid_grant" });
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: issuer, aud: clientId, sub: "scripted-1", email: "casey@corp.example", email_verified: true,
        name: "Casey Scripted", nonce: auth.nonce, iat: now, exp: now + 300 };
      const make = state.next ?? defaultToken;
      state.next = undefined;
      const token = await make(claims, state.keys[0]);
      return json(200, { access_token: "at", token_type: "Bearer", expires_in: 300, id_token: token });
    }
    res.writeHead(404);
    res.end();
  });
  return {
    issuer,
    state,
    /** The id token of the next token request. */
    setNext(fn) { state.next = fn; },
    async rotate() { state.keys = [await keyPair("RS256", `k${state.keys.length + Math.floor(Math.random() * 1e6)}`)]; },
    stop: () => new Promise((r) => server.close(r)),
  };
}

export async function defaultToken(claims, key) {
  return new jose.SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" }).sign(key.privateKey);
}

export { jose };
