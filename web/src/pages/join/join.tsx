// A one-time sign-up link (/join#<secret>): the invited person chooses a password
// (and may correct their name), is signed in, and lands on My OKRs.
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, must } from "../../api/client";
import { signIn } from "../../api/session";
import { Field, Loading, Problem } from "../../components/ui";
import { useLoad } from "../../lib/use-load";

export function Join() {
  const { route } = useLocation();
  const [secret, setSecret] = useState(() => decodeURIComponent(location.hash.replace(/^#/, "")));
  // A link pasted into the address bar of this very page changes only its '#' part.
  useEffect(() => {
    const read = () => setSecret(decodeURIComponent(location.hash.replace(/^#/, "")));
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  const invited = useLoad(async () => (secret ? must(api.POST("/api/v1/invitations/lookup", { body: { secret } }), true) : null), [secret]);
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!secret || invited.error)
    return (
      <section class="signin">
        <h1>Join okr</h1>
        <p class="problem">{invited.error ? invited.error.detail : "This address lacks its secret: open the whole link you were sent, with the part after '#'."}</p>
        <a class="button" href="/signin">
          Sign in
        </a>
      </section>
    );
  if (!invited.data) return <Loading what="your invitation" />;
  const who = invited.data;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (password !== again) {
      setError(new ApiError(422, "Invalid field", "the two passwords differ", "again"));
      return;
    }
    setBusy(true);
    try {
      await must(api.POST("/api/v1/invitations/accept", { body: { secret, name: (name ?? who.name).trim(), password } }), true);
      history.replaceState(null, "", "/join");
      await signIn(who.email, password);
      route("/", true);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="signin">
      <h1>Join okr</h1>
      <p class="muted">You were invited as {who.email}. Choose a password to sign in.</p>
      <form onSubmit={submit} noValidate>
        <Problem error={error} />
        <Field label="Name" name="name" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} autocomplete="name" value={name ?? who.name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Password" name="password" error={error} hint="At least 10 characters.">
          {(id, d) => <input id={id} aria-describedby={d} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Password again" name="again" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="password" autocomplete="new-password" value={again} onInput={(e) => setAgain((e.target as HTMLInputElement).value)} />}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Joining…" : "Join"}
        </button>
      </form>
    </section>
  );
}
