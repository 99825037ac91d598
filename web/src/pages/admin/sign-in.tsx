// Company sign-in for administrators: the OpenID Connect providers (a button each on the
// sign-in page), added and removed here. A client secret is sent once and never shown.
import { useState } from "preact/hooks";
import { api, ApiError, must } from "../../api/client";
import { Field, Loading, Problem } from "../../components/ui";
import { useLoad } from "../../lib/use-load";

export function SignInProviders() {
  const providers = useLoad(() => must(api.GET("/api/v1/sso/providers")), []);
  const empty = { name: "", display_name: "", issuer: "", client_id: "", client_secret: "", domains: "" };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const set = (k: keyof typeof empty) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setAdded(null);
    try {
      const allowed_domains = form.domains.split(/[\s,]+/).filter((d) => d);
      const p = await must(api.POST("/api/v1/sso/providers", {
        body: { name: form.name, display_name: form.display_name || undefined, issuer: form.issuer, client_id: form.client_id,
          client_secret: form.client_secret, allowed_domains },
      }));
      setAdded(`${location.origin}${p.redirect_path}`);
      setForm(empty);
      await providers.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const remove = async (name: string) => {
    setError(null);
    try {
      await must(api.DELETE("/api/v1/sso/providers/{name}", { params: { path: { name } } }));
      await providers.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const fields: [keyof typeof empty, string, string][] = [
    ["name", "Name (in URLs: a–z, 0–9, -)", "text"],
    ["display_name", "Button text", "text"],
    ["issuer", "Issuer URL", "url"],
    ["client_id", "Client id", "text"],
    ["client_secret", "Client secret", "password"],
    ["domains", "Allowed e-mail domains (optional)", "text"],
  ];
  return (
    <>
      <h2>Company sign-in</h2>
      <p class="muted">
        OpenID Connect providers people sign in with; each is a button on the sign-in page. Register okr at the provider with the
        redirect URI shown after adding it. Details in docs/sso.md.
      </p>
      {providers.error && <Problem error={providers.error} />}
      {!providers.data && !providers.error && <Loading what="the sign-in providers" />}
      {providers.data && (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Button</th>
                <th scope="col">Issuer</th>
                <th scope="col">Client id</th>
                <th scope="col">Domains</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {providers.data.items.map((p) => (
                <tr>
                  <td>{p.name}</td>
                  <td>{p.display_name}</td>
                  <td>{p.issuer}</td>
                  <td>{p.client_id}</td>
                  <td>{p.allowed_domains?.length ? p.allowed_domains.join(" ") : "any"}</td>
                  <td>
                    <button type="button" class="small" onClick={() => remove(p.name)}>
                      Remove<span class="sr-only"> {p.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Add a provider</h3>
      <form onSubmit={add} noValidate>
        <Problem error={error && !fields.some(([k]) => k === error.field || (k === "domains" && error.field === "allowed_domains")) ? error : null} />
        {fields.map(([k, label, type]) => (
          <Field label={label} name={k === "domains" ? "allowed_domains" : k} error={error}>
            {(id, d) => <input id={id} aria-describedby={d} type={type} value={form[k]} autocomplete="off" onInput={set(k)} />}
          </Field>
        ))}
        <button type="submit" class="primary">Add provider</button>
      </form>
      {added && (
        <p class="note" role="status">
          Added. Register this redirect URI at the provider: <code>{added}</code>
        </p>
      )}
    </>
  );
}
