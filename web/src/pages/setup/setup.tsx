// The first administrator of a new database, from the address `okr serve` printed
// (/setup#<secret>): no command line step. Afterwards the new administrator is signed
// in and sees how to start.
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, must } from "../../api/client";
import { signIn } from "../../api/session";
import { Field, Loading, Problem } from "../../components/ui";
import { useLoad } from "../../lib/use-load";

export function Setup() {
  const { route } = useLocation();
  const [secret, setSecret] = useState(() => decodeURIComponent(location.hash.replace(/^#/, "")));
  // A link pasted into the address bar of this very page changes only its '#' part.
  useEffect(() => {
    const read = () => setSecret(decodeURIComponent(location.hash.replace(/^#/, "")));
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  const offer = useLoad(() => must(api.GET("/api/v1/setup"), true), []);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (offer.error) return <Problem error={offer.error} />;
  if (!offer.data) return <Loading what="the set-up" />;
  if (!offer.data.offered || !secret)
    return (
      <section class="signin">
        <h1>Set up okr</h1>
        <p class="problem">
          {!offer.data.offered
            ? "This server offers no set-up: its database has users already. Sign in instead."
            : "This address lacks its secret: open the whole address okr serve printed, with the part after '#'."}
        </p>
        <a class="button" href="/signin">
          Sign in
        </a>
      </section>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (password !== again) {
      setError(new ApiError(422, "Invalid field", "the two passwords differ", "again"));
      return;
    }
    setBusy(true);
    try {
      await must(api.POST("/api/v1/setup", { body: { secret, email: email.trim(), name: name.trim(), password } }), true);
      history.replaceState(null, "", "/setup"); // the spent secret leaves the address bar
      await signIn(email.trim(), password);
      route("/start", true);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="signin">
      <h1>Set up okr</h1>
      <p class="muted">This database has no user yet. Create its first administrator; they add everyone else.</p>
      <form onSubmit={submit} noValidate>
        <Problem error={error} />
        <Field label="E-mail" name="email" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="email" autocomplete="username" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Name" name="name" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} autocomplete="name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Password" name="password" error={error} hint="At least 10 characters.">
          {(id, d) => <input id={id} aria-describedby={d} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Password again" name="again" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="password" autocomplete="new-password" value={again} onInput={(e) => setAgain((e.target as HTMLInputElement).value)} />}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Creating…" : "Create the administrator"}
        </button>
      </form>
    </section>
  );
}
