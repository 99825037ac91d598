// Teams in the browser (administrators): create a team, and rename or move one,
// set its function, lead and check-in cadence, or delete one nothing refers to. Teams are found by key, so the page
// stays small however large the organisation is.
import { useState } from "preact/hooks";
import { api, ApiError, etag, must, type Schemas } from "../../api/client";
import { Combobox } from "../../components/search";
import { Field, Problem } from "../../components/ui";

type Team = Schemas["Team"];

/** The id of a team named by key (or none for empty text); a 422 naming `field` when none has it. */
async function teamId(key: string, field: string): Promise<number | null> {
  if (!key.trim()) return null;
  try {
    return (await must(api.GET("/api/v1/teams/{team}", { params: { path: { team: key.trim() } } }))).id!;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new ApiError(422, "Invalid field", `no team with key '${key.trim()}'`, field);
    throw e;
  }
}

async function userId(email: string, field: string): Promise<number | null> {
  if (!email.trim()) return null;
  try {
    return (await must(api.GET("/api/v1/users/{user}", { params: { path: { user: email.trim() } } }))).id!;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new ApiError(422, "Invalid field", `no user with e-mail '${email.trim()}'`, field);
    throw e;
  }
}

interface Draft {
  key: string;
  name: string;
  function: string;
  parent: string;
  lead: string;
  cadence: string;
}
const blank: Draft = { key: "", name: "", function: "", parent: "", lead: "", cadence: "7" };

function TeamForm({ title, draft, setDraft, error, submit, label, withKey }: { title: string; draft: Draft; setDraft: (d: Draft) => void; error: ApiError | null; submit: (e: Event) => void; label: string; withKey: boolean }) {
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const input = (name: keyof Draft) => (id: string, d: string | undefined) => (
    <input id={id} aria-describedby={d} value={draft[name]} onInput={(e) => set({ [name]: (e.target as HTMLInputElement).value })} />
  );
  // A team or a person found by typing a word of their name; the field keeps the key or e-mail.
  const picker = (name: "parent" | "lead", kind: "team" | "user") => (id: string, d: string | undefined) => (
    <Combobox id={id} describedBy={d} kind={kind} value={draft[name]} setValue={(v) => set({ [name]: v })} onPick={(f) => set({ [name]: f.key })} />
  );
  return (
    <form class="card" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <Problem error={error} />
      <div class="row">
        {withKey && (
          <Field label="Key" name="key" error={error} hint="Short and stable: growth, platform-payments.">
            {input("key")}
          </Field>
        )}
        <Field label="Name" name="name" error={error}>
          {input("name")}
        </Field>
        <Field label="Function" name="function" error={error} hint="product, engineering, design, marketing, sales…">
          {input("function")}
        </Field>
        <Field label="Parent team (key)" name="parent_id" error={error} hint="Type a name to find it. Empty: a top-level team.">
          {picker("parent", "team")}
        </Field>
        <Field label="Lead (e-mail)" name="lead_id" error={error} hint="Type a name to find them.">
          {picker("lead", "user")}
        </Field>
        <Field label="Check-in cadence (days)" name="check_in_cadence_days" error={error}>
          {input("cadence")}
        </Field>
      </div>
      <button type="submit" class="primary">
        {label}
      </button>
    </form>
  );
}

async function fields(d: Draft) {
  const cadence = d.cadence.trim() === "" ? undefined : Number(d.cadence);
  return {
    name: d.name.trim(),
    function: d.function.trim(),
    parent_id: await teamId(d.parent, "parent_id"),
    lead_id: await userId(d.lead, "lead_id"),
    ...(cadence === undefined ? {} : { check_in_cadence_days: cadence }),
  };
}

export function Teams() {
  const [created, setCreated] = useState<Draft>(blank);
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const [createdKey, setCreatedKey] = useState<string | null>(null);
  const [find, setFind] = useState("");
  const [found, setFound] = useState<Team | null>(null);
  const [edit, setEdit] = useState<Draft>(blank);
  const [editError, setEditError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<string | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setCreateError(null);
    setCreatedKey(null);
    try {
      const t = await must(api.POST("/api/v1/teams", { body: { key: created.key.trim(), ...(await fields(created)) } }));
      setCreatedKey(t.key ?? null);
      setCreated(blank);
    } catch (err) {
      setCreateError(err as ApiError);
    }
  };
  const open = async (e: Event) => {
    e.preventDefault();
    setEditError(null);
    setSaved(false);
    setConfirming(false);
    setDeleted(null);
    try {
      const t = await must(api.GET("/api/v1/teams/{team}", { params: { path: { team: find.trim() } } }));
      const parent = t.parent_id ? await must(api.GET("/api/v1/teams/{team}", { params: { path: { team: String(t.parent_id) } } })) : null;
      const lead = t.lead_id ? await must(api.GET("/api/v1/users/{user}", { params: { path: { user: String(t.lead_id) } } })) : null;
      setFound(t);
      setEdit({ key: t.key!, name: t.name ?? "", function: t.function ?? "", parent: parent?.key ?? "", lead: lead?.email ?? "", cadence: String(t.check_in_cadence_days ?? 7) });
    } catch (err) {
      setFound(null);
      setEditError(err as ApiError);
    }
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (!found) return;
    setEditError(null);
    setSaved(false);
    try {
      const t = await must(api.PATCH("/api/v1/teams/{team}", { params: { path: { team: String(found.id) }, header: { "If-Match": etag(found.version!) } }, body: await fields(edit) }));
      setFound(t);
      setSaved(true);
    } catch (err) {
      setEditError(err as ApiError);
    }
  };
  const remove = async () => {
    if (!found) return;
    setEditError(null);
    setSaved(false);
    try {
      await must(api.DELETE("/api/v1/teams/{team}", { params: { path: { team: String(found.id) }, header: { "If-Match": etag(found.version!) } } }));
      setDeleted(found.key!);
      setFound(null);
      setFind("");
    } catch (err) {
      setEditError(err as ApiError);
    }
    setConfirming(false);
  };
  return (
    <>
      <h2>Teams</h2>
      <form class="row" onSubmit={open} noValidate aria-label="Find a team">
        <Field label="Team to change (key)" name="find">
          {(id) => <Combobox id={id} kind="team" value={find} setValue={setFind} onPick={(f) => setFind(f.key)} />}
        </Field>
        <button type="submit">Open</button>
      </form>
      {!found && editError && <Problem error={editError} />}
      {found && <TeamForm title={`Change ${found.name}`} draft={edit} setDraft={setEdit} error={editError} submit={save} label="Save team" withKey={false} />}
      {saved && (
        <p role="status" class="saved">
          Saved.
        </p>
      )}
      {found &&
        (confirming ? (
          <div class="card confirm" role="group" aria-label={`Delete ${found.name}`}>
            <p>
              Delete {found.name} and its memberships? A team with objectives, teams below it, KPIs or sprint work is kept: the server refuses and says what it still has.
            </p>
            <div class="actions">
              <button type="button" class="danger" onClick={() => void remove()}>
                Delete {found.name}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            Delete team…
          </button>
        ))}
      {deleted && (
        <p role="status" class="saved">
          Deleted team {deleted}.
        </p>
      )}
      <TeamForm title="New team" draft={created} setDraft={setCreated} error={createError} submit={create} label="Create team" withKey={true} />
      {createdKey && (
        <p role="status" class="saved">
          Created team {createdKey}. Add its members under Users and roles.
        </p>
      )}
    </>
  );
}
