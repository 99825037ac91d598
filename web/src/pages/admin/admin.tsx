// Administration (admins only): users and their team roles, teams, cycles, API
// tokens, the audit log.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, everyPage, must, type Schemas } from "../../api/client";
import { Combobox } from "../../components/search";
import { isAdmin, session } from "../../api/session";
import { Confirm, Field, Loading, Problem } from "../../components/ui";
import { useLoad } from "../../lib/use-load";
import { when } from "../../lib/format";
import { Cycles } from "./cycles";
import { SignInProviders } from "./sign-in";
import { Webhooks } from "./webhooks";
import { Teams } from "./teams";

type User = Schemas["User"];

/**
 * Invites someone: the account exists at once (give it team roles), and the one-time
 * link shown here (valid 7 days) lets them choose their password and sign in.
 */
function InviteUser({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [link, setLink] = useState<{ email: string; url: string; until: string } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setLink(null);
    try {
      const r = await must(api.POST("/api/v1/invitations", { body: { email: email.trim(), name: name.trim(), admin } }));
      setLink({ email: r.user.email ?? email, url: location.origin + r.link, until: r.expires_at.slice(0, 10) });
      setEmail("");
      setName("");
      setAdmin(false);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-label="Invite someone">
      <h3>Invite someone</h3>
      <Problem error={error} />
      <div class="row">
        <Field label="E-mail" name="email" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="email" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Name" name="name" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
        </Field>
      </div>
      <label class="check">
        <input type="checkbox" checked={admin} onChange={(e) => setAdmin((e.target as HTMLInputElement).checked)} /> Administrator
      </label>
      <button type="submit" class="primary">
        Create sign-up link
      </button>
      {link && (
        <p class="note" role="status">
          Pass this link on to {link.email} (it works once, until {link.until}): <code class="secret sign-up-link">{link.url}</code>
        </p>
      )}
    </form>
  );
}

/** An administrator sets a user's password; the user's sessions end. */
function SetPassword({ user, onDone }: { user: User; onDone: () => void }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await must(api.PUT("/api/v1/users/{user}/password", { params: { path: { user: String(user.id) } }, body: { password } }));
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form class="row" onSubmit={submit} noValidate aria-label={`New password for ${user.email}`}>
      <Field label="New password" name="password" error={error}>
        {(id, d) => <input id={id} aria-describedby={d} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="submit">Set password</button>
      {error && error.field !== "password" && <Problem error={error} />}
    </form>
  );
}

function UserActions({ user, onChanged }: { user: User; onChanged: () => Promise<void> }) {
  const [resetting, setResetting] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const patch = (body: { admin?: boolean; disabled?: boolean }) => async () => {
    await must(api.PATCH("/api/v1/users/{user}", { params: { path: { user: String(user.id) } }, body }));
    await onChanged();
  };
  return (
    <div class="actions">
      {user.disabled ? (
        <Confirm label={`Enable ${user.email}`} confirm="Enable" explain={`${user.email} may sign in again (with a new session).`} run={patch({ disabled: false })} />
      ) : (
        <Confirm
          label={`Disable ${user.email}`}
          confirm="Disable"
          danger
          explain={`${user.email} can no longer sign in, and their sessions and API tokens stop working at once. Their check-ins and history stay.`}
          run={patch({ disabled: true })}
        />
      )}
      <Confirm
        label={user.admin ? `Remove administrator right of ${user.email}` : `Make ${user.email} an administrator`}
        confirm={user.admin ? "Remove the right" : "Make administrator"}
        explain={user.admin ? "They keep their team roles." : "Administrators may change everything, users and cycles included."}
        run={patch({ admin: !user.admin })}
      />
      {resetting ? (
        <SetPassword
          user={user}
          onDone={() => {
            setResetting(false);
            setNote(`New password set; ${user.email}'s sessions have ended.`);
          }}
        />
      ) : (
        <button type="button" class="small" onClick={() => setResetting(true)}>
          Set password<span class="sr-only"> of {user.email}</span>
        </button>
      )}
      {note && (
        <span role="status" class="saved">
          {note}
        </span>
      )}
    </div>
  );
}

function Users() {
  // A page of 50 people at a time, however many the organisation has.
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const after = pages[pages.length - 1];
  const users = useLoad(() => must(api.GET("/api/v1/users", { params: { query: { limit: 50, after } } })), [after]);
  const [teamText, setTeamText] = useState("");
  const [team, setTeam] = useState("");
  const members = useLoad(async () => (team ? must(api.GET("/api/v1/teams/{team}", { params: { path: { team } } })) : null), [team]);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"lead" | "member" | "viewer">("member");
  const [error, setError] = useState<ApiError | null>(null);
  if (users.error) return <Problem error={users.error} />;
  if (!users.data) return <Loading what="the users" />;
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
  const team_members = members.data?.members ?? [];
  return (
    <>
      <h2>Users</h2>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Name</th>
              <th scope="col">Administrator</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users.data.items ?? []).map((u) => (
              <tr data-user={u.email}>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>{u.admin ? "yes" : "no"}</td>
                <td>{u.disabled ? "disabled" : "active"}</td>
                <td>
                  <UserActions user={u} onChanged={users.reload} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        {pages.length > 1 && (
          <button type="button" onClick={() => setPages(pages.slice(0, -1))}>
            Previous people
          </button>
        )}
        {users.data.next && (
          <button type="button" onClick={() => setPages([...pages, users.data!.next ?? undefined])}>
            Next people
          </button>
        )}
      </div>
      <InviteUser onDone={() => void users.reload()} />
      <h2>Team roles</h2>
      <form
        class="row"
        noValidate
        aria-label="Choose a team"
        onSubmit={(e) => {
          e.preventDefault();
          setTeam(teamText.trim());
        }}
      >
        <Field label="Team (key)" name="team" error={members.error ?? null} hint="Type a word of its name to find it.">
          {(id, d) => (
            <Combobox
              id={id}
              describedBy={d}
              kind="team"
              value={teamText}
              setValue={setTeamText}
              onPick={(f) => {
                setTeamText(f.key);
                setTeam(f.key);
              }}
            />
          )}
        </Field>
        <button type="submit">Show members</button>
      </form>
      {members.error && <Problem error={members.error} />}
      <Problem error={error} />
      {team && members.data && (
        <>
          <div class="table-wrap" tabIndex={0}>
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
                  const who = m.email ?? String(m.user_id);
                  return (
                    <tr>
                      <td>{who}</td>
                      <td>
                        <select aria-label={`Role of ${who}`} value={m.role} onChange={(e) => put(who, (e.target as HTMLSelectElement).value as "lead")}>
                          <option value="lead">lead</option>
                          <option value="member">member</option>
                          <option value="viewer">viewer</option>
                        </select>
                        {m.mapped_from && <span class="muted"> mapped from {m.mapped_from}</span>}
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
            <Field label="Add a member (name or e-mail)" name="user">
              {(id) => <Combobox id={id} kind="user" value={email} setValue={setEmail} onPick={(f) => setEmail(f.key)} />}
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
        <div class="table-wrap" tabIndex={0}>
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
      <div class="table-wrap" tabIndex={0}>
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
            {(page.data.items ?? []).map((ev) => (
              <tr>
                <td>{when(ev.at!)}</td>
                <td>{ev.actor ? <span title={ev.actor.email}>{ev.actor.name}</span> : ev.actor_id ? `person ${ev.actor_id}` : "local operator"}</td>
                <td>{ev.action}</td>
                <td>
                  {ev.entity_type}
                  {ev.entity_label ? ` “${ev.entity_label}”` : ev.entity_id ? ` ${ev.entity_id}` : ""}
                </td>
              </tr>
            ))}
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
  const tab = path.endsWith("/tokens") ? "tokens" : path.endsWith("/audit") ? "audit" : path.endsWith("/teams") ? "teams" : path.endsWith("/cycles") ? "cycles" : path.endsWith("/sign-in") ? "sign-in" : path.endsWith("/webhooks") ? "webhooks" : "users";
  return (
    <section>
      <h1>Administration</h1>
      <nav class="tabs" aria-label="Administration">
        <a href="/admin" aria-current={tab === "users" ? "page" : undefined}>
          Users and roles
        </a>
        <a href="/admin/teams" aria-current={tab === "teams" ? "page" : undefined}>
          Teams
        </a>
        <a href="/admin/cycles" aria-current={tab === "cycles" ? "page" : undefined}>
          Cycles
        </a>
        <a href="/admin/tokens" aria-current={tab === "tokens" ? "page" : undefined}>
          API tokens
        </a>
        <a href="/admin/sign-in" aria-current={tab === "sign-in" ? "page" : undefined}>
          Company sign-in
        </a>
        <a href="/admin/webhooks" aria-current={tab === "webhooks" ? "page" : undefined}>
          Webhooks
        </a>
        <a href="/admin/audit" aria-current={tab === "audit" ? "page" : undefined}>
          Audit log
        </a>
      </nav>
      {tab === "users" ? <Users /> : tab === "teams" ? <Teams /> : tab === "cycles" ? <Cycles /> : tab === "tokens" ? <Tokens /> : tab === "sign-in" ? <SignInProviders /> : tab === "webhooks" ? <Webhooks /> : <Audit />}
    </section>
  );
}
