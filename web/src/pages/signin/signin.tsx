// Sign-in with the session API; afterwards back to the page the person wanted.
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { ApiError, api, must, type Schemas } from "../../api/client";
import { signIn } from "../../api/session";
import { Field, Problem } from "../../components/ui";

export function SignIn() {
  const { query, route } = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<Schemas["SsoProvider"][]>([]);
  useEffect(() => {
    must(api.GET("/api/v1/sso/providers"), true)
      .then((r) => setProviders(r.items))
      .catch(() => setProviders([]));
  }, []);
  const next = query.next && query.next.startsWith("/") && !query.next.startsWith("//") && !query.next.startsWith("/signin")
    ? query.next : "";
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      const next = query.next && query.next.startsWith("/") && !query.next.startsWith("//") ? query.next : "/";
      route(next.startsWith("/signin") ? "/" : next, true);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="signin">
      <h1>Sign in to okr</h1>
      {query.next && <p class="muted">Your session has ended or you are not signed in yet.</p>}
      {providers.length > 0 && (
        <ul class="sso-providers" aria-label="Company sign-in">
          {providers.map((p) => (
            <li key={p.name}>
              {/* A full page load, not the dashboard's own routing: the server sends the browser on. */}
              <a class="button primary" href={p.start_url + (next ? "?next=" + encodeURIComponent(next) : "")}
                onClick={(e) => e.stopPropagation()}>
                Sign in with {p.display_name}
              </a>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <Problem error={error} />
        <Field label="E-mail" name="email" error={error}>
          {(id, d) => (
            <input id={id} aria-describedby={d} type="email" autocomplete="username" value={email} required
              onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
          )}
        </Field>
        <Field label="Password" name="password" error={error}>
          {(id, d) => (
            <input id={id} aria-describedby={d} type="password" autocomplete="current-password" value={password} required
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
          )}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </section>
  );
}
