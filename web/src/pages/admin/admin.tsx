// Administration (admins only): users and their team roles, API tokens, the audit log.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, everyPage, must, type Schemas } from "../../api/client";
import { isAdmin, session } from "../../api/session";
import { Field, Loading, Problem } from "../../components/ui";
import { useLoad } from "../../lib/use-load";

function Users() {
  const users = useLoad(() => everyPage<Schemas["User"]>((after) => must(api.GET("/api/v1/users", { params: { query: { limit: 500, after } } }))), []);
  const teams = useLoad(() => everyPage<Schemas["Team"]>((after) => must(api.GET("/api/v1/teams", { params: { query: { limit: 500, after } } }))), []);
  const [team, setTeam] = useState("");
  const members = useLoad(async () => (team ? must(api.GET("/api/v1/teams/{team}", { params: { path: { team } } })) : null), [team]);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"lead" | "member" | "viewer">("member");
  const [error, setError] = useState<ApiError | null>(null);
  if (users.error) return <Problem error={users.error} />;
  if (!users.data || !teams.data) return <Loading what="the users" />;
  const byId = new Map((users.data.items ?? []).map((u) => [u.id!, u]));
  const put = async (user: string, r: "lead" | "member" | "viewer") => {
    setError(null);
    try {
      await must(api.PUT("/api/v1/teams/{team}/members/{user}", { params: { path: { team, user } }, body: { role: r } }));
      await members.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const remove = async (user: string) => {
    setError(null);
    try {
      await must(api.DELETE("/api/v1/teams/{team}/members/{user}", { params: { path: { team, user } } }));
      await members.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const team_members = ((members.data as { members?: { user_id: number; role: string }[] } | null)?.members ?? []);
  return (
    <>
      <h2>Users</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Name</th>
              <th scope="col">Administrator</th>
            </tr>
          </thead>
          <tbody>
            {(users.data.items ?? []).map((u) => (
              <tr>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>{u.admin ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Team roles</h2>
      <Field label="Team" name="team">
        {(id) => (
          <select id={id} value={team} onChange={(e) => setTeam((e.target as HTMLSelectElement).value)}>
            <option value="">choose a team</option>
            {(teams.data!.items ?? []).map((t) => (
              <option value={t.key}>{t.name}</option>
            ))}
          </select>
        )}
      </Field>
      <Problem error={error} />
      {team && members.data && (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Role</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {team_members.map((m) => {
                  const u = byId.get(m.user_id);
                  const who = u?.email ?? String(m.user_id);
                  return (
                    <tr>
                      <td>{who}</td>
                      <td>
                        <select aria-label={`Role of ${who}`} value={m.role} onChange={(e) => put(who, (e.target as HTMLSelectElement).value as "lead")}>
                          <option value="lead">lead</option>
                          <option value="member">member</option>
                          <option value="viewer">viewer</option>
                        </select>
                      </td>
                      <td>
                        <button type="button" class="small" onClick={() => remove(who)}>
                          Remove<span class="sr-only"> {who}</span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <form
            class="row"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void put(email.trim(), role).then(() => setEmail(""));
            }}
          >
            <Field label="Add a member (e-mail)" name="user">
              {(id) => <input id={id} type="email" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />}
            </Field>
            <Field label="Role" name="role">
              {(id) => (
                <select id={id} value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as "lead")}>
                  <option value="lead">lead</option>
                  <option value="member">member</option>
                  <option value="viewer">viewer</option>
                </select>
              )}
            </Field>
            <button type="submit">Add</button>
          </form>
        </>
      )}
    </>
  );
}

function Tokens() {
  const me = session.value!.user.id!;
  const tokens = useLoad(() => everyPage<Schemas["ApiToken"]>((after) => must(api.GET("/api/v1/tokens", { params: { query: { user_id: me, limit: 500, after } } }))), [me]);
  const [name, setName] = useState("");
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const t = await must(api.POST("/api/v1/tokens", { body: { name } }));
      setIssued(t.token ?? null);
      setName("");
      await tokens.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const revoke = async (id: number) => {
    try {
      await must(api.DELETE("/api/v1/tokens/{token}", { params: { path: { token: String(id) } } }));
      await tokens.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <>
      <h2>Your API tokens</h2>
      <p class="muted">For scripts and CI: send as <code>Authorization: Bearer …</code>. A token is shown once, when it is created.</p>
      <form class="row" onSubmit={create} noValidate>
        <Field label="Token name" name="name" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
        </Field>
        <button type="submit">Create token</button>
      </form>
      <Problem error={error && error.field !== "name" ? error : null} />
      {issued && (
        <p class="note" role="status">
          New token (copy it now, it will not be shown again): <code class="secret">{issued}</code>
        </p>
      )}
      {tokens.data && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(tokens.data.items ?? []).map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>{t.created_at?.slice(0, 10)}</td>
                  <td>{t.revoked_at ? `revoked ${t.revoked_at.slice(0, 10)}` : "active"}</td>
                  <td>
                    {!t.revoked_at && (
                      <button type="button" class="small" onClick={() => revoke(t.id!)}>
                        Revoke<span class="sr-only"> {t.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Audit() {
  const [after, setAfter] = useState<string | undefined>(undefined);
  const page = useLoad(() => must(api.GET("/api/v1/audit-events", { params: { query: { limit: 50, after } } })), [after]);
  if (page.error) return <Problem error={page.error} />;
  if (!page.data) return <Loading what="the audit log" />;
  return (
    <>
      <h2>Audit log</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {(page.data.items ?? []).map((e) => {
              const ev = e as { at?: string; actor_id?: number | null; action?: string; entity_type?: string; entity_id?: number | null };
              return (
                <tr>
                  <td>{ev.at?.replace("T", " ").replace("Z", "")}</td>
                  <td>{ev.actor_id ?? "local operator"}</td>
                  <td>{ev.action}</td>
                  <td>
                    {ev.entity_type} {ev.entity_id ?? ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="actions">
        {after && (
          <button type="button" onClick={() => setAfter(undefined)}>
            Newest
          </button>
        )}
        {page.data.next && (
          <button type="button" onClick={() => setAfter(page.data!.next ?? undefined)}>
            Older events
          </button>
        )}
      </div>
    </>
  );
}

export function Admin() {
  const { path } = useLocation();
  if (!isAdmin())
    return (
      <section>
        <h1>Administration</h1>
        <p class="problem">Only administrators may see this page.</p>
      </section>
    );
  const tab = path.endsWith("/tokens") ? "tokens" : path.endsWith("/audit") ? "audit" : "users";
  return (
    <section>
      <h1>Administration</h1>
      <nav class="tabs" aria-label="Administration">
        <a href="/admin" aria-current={tab === "users" ? "page" : undefined}>
          Users and roles
        </a>
        <a href="/admin/tokens" aria-current={tab === "tokens" ? "page" : undefined}>
          API tokens
        </a>
        <a href="/admin/audit" aria-current={tab === "audit" ? "page" : undefined}>
          Audit log
        </a>
      </nav>
      {tab === "users" ? <Users /> : tab === "tokens" ? <Tokens /> : <Audit />}
    </section>
  );
}
