// The OKR editor: an objective and its key results, with the coach's findings
// appearing beside what they are about while someone types.
import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, etag, must, type Schemas } from "../../api/client";
import { Combobox } from "../../components/search";
import { Field, Loading, Problem } from "../../components/ui";
import { currentCycle } from "../../lib/cycles";
import { plain } from "../../lib/format";
import { statedRange } from "../../lib/coach-words";
import { coach, draftKrKey, draftObjectiveKey, type Draft, type DraftKr, type Finding } from "./coach";

type Metric = "number" | "percent" | "currency" | "boolean" | "milestone" | "range";
interface KrState extends DraftKr {
  id?: number;
  version?: number;
  key: string;
  weight: string;
  driven: boolean;
  removed?: boolean;
}
/** What an objective may align to: an objective ("o:key") or one of its key results ("k:key"). */
interface ParentOption {
  value: string;
  id: number;
  kind: "objective" | "key_result";
  title: string;
  team: string;
}
interface Loaded {
  cycleId: number;
  cycleName: string;
  team: Schemas["TeamRef"] | Schemas["Team"];
  objective?: { id: number; version: number; key: string };
  draft: Draft;
  krs: KrState[];
  parents: ParentOption[];
  canEdit: boolean;
}

const str = (v: number | null | undefined) => plain(v);
const slug = (s: string) =>
  s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "objective";
const emptyKr = (base: string, n: number): KrState => ({
  key: `${base}-kr${n}`, title: "", metric: "number", unit: "", start: "", target: "", low: "", high: "", tolerance: "", owner: "", weight: "1",
  indicator: "", driven: false,
});

/** An objective and each of its key results, as choices to align to. */
async function withKeyResults(o: { id: number; key: string; title: string }, team: string) {
  const out: ParentOption[] = [{ value: `o:${o.key}`, id: o.id, kind: "objective", title: o.title, team }];
  const krs = await must(api.GET("/api/v1/key-results", { params: { query: { objective_id: o.id, limit: 100 } } }));
  for (const k of krs.items ?? []) out.push({ value: `k:${k.key}`, id: k.id!, kind: "key_result", title: k.title!, team });
  return out;
}

/** The objectives of the teams above (and the shared ones this team contributes to), with their key results. */
async function parentOptions(teamParent: number | null | undefined, cycle: string, cycleId: number, teamKey: string) {
  const out: ParentOption[] = [];
  for (let parent = teamParent ?? null; parent !== null; ) {
    const t = await must(api.GET("/api/v1/teams/{team}", { params: { path: { team: String(parent) } } }));
    const page = await must(api.GET("/api/v1/objectives", { params: { query: { cycle_id: cycleId, team_id: t.id!, limit: 100 } } }));
    for (const o of page.items ?? []) out.push(...(await withKeyResults({ id: o.id!, key: o.key!, title: o.title! }, t.name!)));
    parent = t.parent_id ?? null;
  }
  const page = await must(api.GET("/api/v1/cycles/{cycle}/teams/{team}", { params: { path: { cycle, team: teamKey } } }));
  for (const o of page.contributes_to) out.push(...(await withKeyResults(o, `${o.team_name} (shared)`)));
  return out;
}

/** The choice that stands for an objective's current parent. */
function currentParent(parents: ParentOption[], parentId?: number | null, parentKrId?: number | null) {
  if (parentKrId) return parents.find((p) => p.kind === "key_result" && p.id === parentKrId)?.value ?? "";
  if (parentId) return parents.find((p) => p.kind === "objective" && p.id === parentId)?.value ?? "";
  return "";
}

async function load(cycle?: string, team?: string, objective?: string): Promise<Loaded> {
  if (objective) {
    const d = await must(api.GET("/api/v1/objectives/{objective}/detail", { params: { path: { objective } } }));
    const ob = d.objective;
    const parents = await parentOptions(d.team.parent_id, d.cycle.name, d.cycle.id, d.team.key);
    // A parent no longer among the choices (the teams moved) stays chosen until changed.
    if (d.parent && !parents.some((p) => p.kind === "objective" && p.id === d.parent!.id))
      parents.push(...(await withKeyResults(d.parent, d.parent.team_name)));
    return {
      cycleId: d.cycle.id, cycleName: d.cycle.name, team: d.team,
      objective: { id: ob.id!, version: ob.version!, key: ob.key! },
      draft: {
        team: d.team.key, title: ob.title ?? "", description: ob.description ?? "", kind: ob.kind ?? "aspirational",
        owner: ob.owner ?? "", alignsTo: currentParent(parents, ob.parent_id, ob.parent_key_result_id), krs: [],
      },
      krs: ob.key_results.map((k) => ({
        id: k.id, version: k.version, key: k.key!, title: k.title ?? "", metric: k.metric ?? "number", unit: k.unit ?? "",
        start: str(k.start), target: str(k.target), low: str(k.low), high: str(k.high), tolerance: str(k.tolerance),
        owner: k.owner ?? "", weight: str(k.weight), indicator: k.indicator ?? "", driven: k.driven_by_aligned,
      })),
      parents,
      canEdit: d.can_edit,
    };
  }
  const c = await must(api.GET("/api/v1/cycles/{cycle}", { params: { path: { cycle: cycle! } } }));
  const teamPage = await must(api.GET("/api/v1/cycles/{cycle}/teams/{team}", { params: { path: { cycle: cycle!, team: team! } } }));
  const t = await must(api.GET("/api/v1/teams/{team}", { params: { path: { team: team! } } }));
  const parents = await parentOptions(t.parent_id, c.name!, c.id!, t.key!);
  return {
    cycleId: c.id!, cycleName: c.name!, team: t,
    draft: { team: t.key!, title: "", description: "", kind: "aspirational", owner: "", alignsTo: "", krs: [] },
    krs: [], parents, canEdit: teamPage.can_edit,
  };
}

function Findings({ list }: { list: Finding[] }) {
  if (list.length === 0) return null;
  return (
    <ul class="findings" aria-live="polite">
      {list.map((f) => (
        <li class={`finding finding-${f.severity}`} data-rule={f.rule}>
          <strong>
            {f.severity}: {f.message}
          </strong>
          {f.suggestion && <div>Try: {f.suggestion}</div>}
          {f.evidence && <div class="muted">Why: {f.evidence}</div>}
        </li>
      ))}
    </ul>
  );
}

export function Editor({ cycle, team, objective }: { cycle?: string; team?: string; objective?: string }) {
  const { route } = useLocation();
  const [base, setBase] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [krs, setKrs] = useState<KrState[]>([]);
  const [key, setKey] = useState("");
  const [findings, setFindings] = useState<Finding[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [errorAt, setErrorAt] = useState<string>("objective"); // "objective" or a KR index
  const [saving, setSaving] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    load(cycle, team, objective)
      .then((l) => {
        currentCycle.value = l.cycleName;
        setBase(l);
        setDraft(l.draft);
        setKrs(l.krs);
        setKey(l.objective?.key ?? "");
      })
      .catch((e) => setLoadError(e as ApiError));
  }, [cycle, team, objective]);

  // The coach, 400 ms after the last keystroke.
  useEffect(() => {
    if (!draft) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      coach({ ...draft, krs: krs.filter((k) => !k.removed) })
        .then(setFindings)
        .catch(() => undefined);
    }, 400);
    return () => window.clearTimeout(timer.current);
  }, [draft, krs]);

  if (loadError) return <Problem error={loadError} />;
  if (!base || !draft) return <Loading what="the editor" />;
  if (!base.canEdit)
    return (
      <section class="editor">
        <h1>{base.objective ? "Edit objective" : `New objective for ${base.team.name}`}</h1>
        <p class="problem">
          Your role does not allow you to {base.objective ? "edit this objective" : `write objectives for ${base.team.name}`} in {base.cycleName}. A lead of the team or an
          administrator can.
        </p>
        <a class="button" href={base.objective ? `/objectives/${base.objective.id}` : `/cycles/${encodeURIComponent(base.cycleName)}/teams/${encodeURIComponent(base.draft.team)}`}>
          Back
        </a>
      </section>
    );

  const objectiveKey = key || `${slug(base.draft.team)}-${slug(draft.title)}`;
  const live = krs.map((k, i) => ({ k, i })).filter((x) => !x.k.removed);
  const objectiveFindings = findings.filter((f) => (f.objective_key === draftObjectiveKey || f.team) && !f.key_result_key);
  const krFindings = (liveIndex: number) => findings.filter((f) => f.key_result_key === draftKrKey(liveIndex));
  const setKr = (i: number, patch: Partial<KrState>) => setKrs(krs.map((k, j) => (j === i ? { ...k, ...patch } : k)));
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const userId = async (email: string, field: string): Promise<number | null> => {
    if (!email.trim()) return null;
    try {
      const u = await must(api.GET("/api/v1/users/{user}", { params: { path: { user: email.trim() } } }));
      return u.id!;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) throw new ApiError(422, "Invalid field", `no user with e-mail '${email.trim()}'`, field);
      throw e;
    }
  };
  const number = (s: string) => (s.trim() === "" ? undefined : Number(s));

  // The objective and its key results go in one request and one transaction: a refused
  // save changes nothing, and the problem is shown at the field it names.
  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const sent = live.map((x) => x.i); // key_results[n] of the request is krs[sent[n]]
    let at = "objective";
    try {
      const owner_id = await userId(draft.owner, "owner_id");
      const parent = base.parents.find((p) => p.value === draft.alignsTo);
      const key_results = [];
      for (let n = 0; n < sent.length; n++) {
        const k = krs[sent[n]];
        at = String(sent[n]);
        const krOwner = await userId(k.owner, "owner_id");
        key_results.push({
          ...(k.id ? { id: k.id, version: k.version } : { key: k.key.startsWith("-") ? `${objectiveKey}${k.key}` : k.key }),
          title: k.title, metric: k.metric as Metric, unit: k.unit, owner_id: krOwner,
          start: number(k.start), target: number(k.target), low: number(k.low), high: number(k.high), tolerance: number(k.tolerance),
          weight: number(k.weight),
          indicator: k.indicator === "leading" ? ("leading" as const) : k.indicator === "lagging" ? ("lagging" as const) : null,
          driven_by_aligned: k.driven,
        });
      }
      at = "objective";
      const fields = {
        title: draft.title, description: draft.description, kind: draft.kind as "aspirational" | "committed",
        owner_id,
        ...(parent?.kind === "key_result" ? { parent_key_result_id: parent.id } : { parent_id: parent ? parent.id : null }),
        key_results,
      };
      const o = base.objective
        ? await must(api.PUT("/api/v1/objectives/{objective}", {
            params: { path: { objective: String(base.objective.id) }, header: { "If-Match": etag(base.objective.version) } },
            body: fields,
          }))
        : await must(api.POST("/api/v1/objectives", { body: { ...fields, key: objectiveKey, cycle_id: base.cycleId, team_id: base.team.id! } }));
      route(`/objectives/${o.id}`);
    } catch (err) {
      const problem = err as ApiError;
      const item = problem.field?.match(/^key_results\[(\d+)\](?:\.(.+))?$/);
      if (item && sent[Number(item[1])] !== undefined) {
        setErrorAt(String(sent[Number(item[1])]));
        setError(new ApiError(problem.status, problem.title, problem.detail, item[2] ?? ""));
      } else {
        setErrorAt(at);
        setError(problem);
      }
    } finally {
      setSaving(false);
    }
  };

  const c = encodeURIComponent(base.cycleName);
  const metrics: Metric[] = ["number", "percent", "currency", "boolean", "milestone", "range"];
  return (
    <section class="editor">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={`/cycles/${c}`}>{base.cycleName}</a> › <a href={`/cycles/${c}/teams/${encodeURIComponent(base.draft.team)}`}>{base.team.name}</a> ›{" "}
        <span aria-current="page">{base.objective ? "Edit objective" : "New objective"}</span>
      </nav>
      <h1>{base.objective ? "Edit objective" : `New objective for ${base.team.name}`}</h1>
      <p class="muted">The coach reads what you write and comments as you type: outcomes over outputs, numbers in key results, two to four key results.</p>
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend>Objective</legend>
          {errorAt === "objective" && <Problem error={error} />}
          <Field label="Title" name="title" error={errorAt === "objective" ? error : null} hint="Qualitative and inspiring: the change you want, no numbers.">
            {(id, d) => <input id={id} aria-describedby={d} value={draft.title} onInput={(e) => set({ title: (e.target as HTMLInputElement).value })} />}
          </Field>
          <Findings list={objectiveFindings} />
          {!base.objective && (
            <Field label="Key" name="key" error={errorAt === "objective" ? error : null} hint="A stable key; made from the title unless you write one.">
              {(id, d) => <input id={id} aria-describedby={d} value={key} placeholder={objectiveKey} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />}
            </Field>
          )}
          <Field label="Why it matters" name="description" error={errorAt === "objective" ? error : null}>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={draft.description} onInput={(e) => set({ description: (e.target as HTMLTextAreaElement).value })} />}
          </Field>
          <div class="row">
            <Field label="Kind" name="kind" error={errorAt === "objective" ? error : null}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={draft.kind} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value })}>
                  <option value="aspirational">aspirational (expected around 0.7)</option>
                  <option value="committed">committed (expected 1.0)</option>
                </select>
              )}
            </Field>
            <Field label="Owner (name or e-mail)" name="owner_id" error={errorAt === "objective" ? error : null}>
              {(id, d) => <Combobox id={id} describedBy={d} kind="user" value={draft.owner} setValue={(v) => set({ owner: v })} onPick={(f) => set({ owner: f.key })} />}
            </Field>
            <Field label="Aligns to" name="parent_id" error={errorAt === "objective" ? error : null}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={draft.alignsTo} onChange={(e) => set({ alignsTo: (e.target as HTMLSelectElement).value })}>
                  <option value="">nothing (top level)</option>
                  {base.parents.map((p) => (
                    <option value={p.value}>
                      {p.kind === "objective" ? `${p.team}: ${p.title}` : `\u00a0\u00a0↳ key result: ${p.title}`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>

        {live.map(({ k, i }, n) => (
          <fieldset class="kr-edit" data-kr-index={n}>
            <legend>Key result {n + 1}</legend>
            {errorAt === String(i) && <Problem error={error} />}
            <Field label="Title" name="title" error={errorAt === String(i) ? error : null} hint='A measurable outcome, ideally "from X to Y".'>
              {(id, d) => <input id={id} aria-describedby={d} value={k.title} onInput={(e) => setKr(i, { title: (e.target as HTMLInputElement).value })} />}
            </Field>
            <Findings list={krFindings(n)} />
            {(() => {
              const stated = k.metric !== "boolean" && k.metric !== "range" && !k.start && !k.target ? statedRange(k.title) : null;
              return (
                stated && (
                  <button type="button" class="small" onClick={() => setKr(i, { start: stated.start, target: stated.target })}>
                    Use {stated.start} as the baseline and {stated.target} as the target
                  </button>
                )
              );
            })()}
            <div class="row">
              <Field label="Metric" name="metric" error={errorAt === String(i) ? error : null}>
                {(id, d) => (
                  <select id={id} aria-describedby={d} value={k.metric} onChange={(e) => setKr(i, { metric: (e.target as HTMLSelectElement).value })}>
                    {metrics.map((m) => (
                      <option value={m}>{m}</option>
                    ))}
                  </select>
                )}
              </Field>
              {k.metric === "range" ? (
                <>
                  {(["low", "high", "tolerance"] as const).map((f) => (
                    <Field label={f === "low" ? "Low" : f === "high" ? "High" : "Tolerance"} name={f} error={errorAt === String(i) ? error : null}>
                      {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={k[f]} onInput={(e) => setKr(i, { [f]: (e.target as HTMLInputElement).value })} />}
                    </Field>
                  ))}
                </>
              ) : (
                k.metric !== "boolean" && (
                  <>
                    <Field label="Baseline (start)" name="start" error={errorAt === String(i) ? error : null}>
                      {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={k.start} onInput={(e) => setKr(i, { start: (e.target as HTMLInputElement).value })} />}
                    </Field>
                    <Field label="Target" name="target" error={errorAt === String(i) ? error : null}>
                      {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={k.target} onInput={(e) => setKr(i, { target: (e.target as HTMLInputElement).value })} />}
                    </Field>
                  </>
                )
              )}
              <Field label="Unit" name="unit" error={errorAt === String(i) ? error : null}>
                {(id, d) => <input id={id} aria-describedby={d} value={k.unit} onInput={(e) => setKr(i, { unit: (e.target as HTMLInputElement).value })} />}
              </Field>
              <Field label="Weight" name="weight" error={errorAt === String(i) ? error : null}>
                {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={k.weight} onInput={(e) => setKr(i, { weight: (e.target as HTMLInputElement).value })} />}
              </Field>
              <Field label="Owner (name or e-mail)" name="owner_id" error={errorAt === String(i) ? error : null}>
                {(id, d) => <Combobox id={id} describedBy={d} kind="user" value={k.owner} setValue={(v) => setKr(i, { owner: v })} onPick={(f) => setKr(i, { owner: f.key })} />}
              </Field>
              <Field label="Indicator" name="indicator" error={errorAt === String(i) ? error : null}>
                {(id, d) => (
                  <select id={id} aria-describedby={d} value={k.indicator} onChange={(e) => setKr(i, { indicator: (e.target as HTMLSelectElement).value })}>
                    <option value="">not said</option>
                    <option value="leading">leading: moves early, the team can act on it</option>
                    <option value="lagging">lagging: the outcome itself, known late</option>
                  </select>
                )}
              </Field>
            </div>
            <label class="check">
              <input type="checkbox" checked={k.driven} onChange={(e) => setKr(i, { driven: (e.target as HTMLInputElement).checked })} /> Scored by the objectives aligned to it
              (no check-ins)
            </label>
            <button type="button" class="small" onClick={() => (k.id ? setKr(i, { removed: true }) : setKrs(krs.filter((_, j) => j !== i)))}>
              Remove key result {n + 1}
            </button>
          </fieldset>
        ))}
        <div class="actions">
          <button type="button" onClick={() => setKrs([...krs, emptyKr("", krs.length + 1)])}>
            Add key result
          </button>
          <button type="submit" class="primary" disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </button>
          <a class="button" href={base.objective ? `/objectives/${base.objective.id}` : `/cycles/${c}/teams/${encodeURIComponent(base.draft.team)}`}>
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}
