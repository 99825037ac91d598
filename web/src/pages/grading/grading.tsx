// Grading at the end of a cycle: each objective's computed score, overrides of key
// result scores with a required reason, the reflection, and the grading flags.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, etag, must, type Schemas } from "../../api/client";
import { Field, Loading, Problem, Score } from "../../components/ui";
import { useCurrentCycle } from "../../lib/cycles";
import { score1 } from "../../lib/format";
import { useLoad } from "../../lib/use-load";
import { useTeamPage } from "../team/team";

type Objective = Schemas["ObjectiveStatus"];

function ObjectiveGrading({ o, onSaved }: { o: Objective; onSaved: () => void }) {
  const review = useLoad(async () => {
    try {
      return await must(api.GET("/api/v1/reviews/{objective}", { params: { path: { objective: String(o.id) } } }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [o.id]);
  const [overrides, setOverrides] = useState<Record<number, { on: boolean; score: string; reason: string }>>({});
  const [texts, setTexts] = useState({ what_worked: "", what_did_not: "", what_we_learned: "" });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (review.data === undefined) return;
    const r = review.data;
    const initial: typeof overrides = {};
    for (const k of o.key_results) {
      const ov = r?.overrides?.find((x) => x.key_result_id === k.id);
      initial[k.id!] = { on: !!ov, score: ov ? String(ov.score) : score1(k.computed_score), reason: ov?.reason ?? "" };
    }
    setOverrides(initial);
    setTexts({ what_worked: r?.what_worked ?? "", what_did_not: r?.what_did_not ?? "", what_we_learned: r?.what_we_learned ?? "" });
  }, [review.data]);
  if (review.error) return <Problem error={review.error} />;
  if (review.data === undefined) return <Loading what="the review" />;

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const list = o.key_results
      .filter((k) => overrides[k.id!]?.on)
      .map((k) => ({ key_result_id: k.id!, score: Number(overrides[k.id!].score), reason: overrides[k.id!].reason.trim() }));
    const missing = list.find((x) => !x.reason);
    if (missing) {
      setError(new ApiError(422, "Invalid field", "an override needs a reason: say why the computed score is wrong", `overrides.${missing.key_result_id}.reason`));
      return;
    }
    try {
      const version = review.data?.version;
      await must(api.PUT("/api/v1/reviews/{objective}", {
        params: { path: { objective: String(o.id) }, header: version ? { "If-Match": etag(version) } : ({} as { "If-Match": string }) },
        body: { overrides: list, ...texts },
      }));
      setSaved(true);
      await review.reload();
      onSaved();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  return (
    <form class="card grading" onSubmit={save} noValidate data-objective={o.key}>
      <header>
        <h2>
          <a href={`/objectives/${o.id}`}>{o.title}</a>
        </h2>
        <Score score={o.score} band={o.band} />
      </header>
      <p class="muted">
        {o.kind}
        {o.flags.map((f) => (
          <span class="flag">{f === "not-ambitious-enough" ? "not ambitious enough: an aspirational objective at 1.0" : "missed commitment: a committed objective below 1.0"}</span>
        ))}
      </p>
      <Problem error={error && !error.field?.startsWith("overrides.") ? error : null} />
      <table class="grade-table">
        <thead>
          <tr>
            <th scope="col">Key result</th>
            <th scope="col">Computed</th>
            <th scope="col">Override</th>
          </tr>
        </thead>
        <tbody>
          {o.key_results.map((k) => {
            const ov = overrides[k.id!] ?? { on: false, score: "", reason: "" };
            const set = (patch: Partial<typeof ov>) => setOverrides({ ...overrides, [k.id!]: { ...ov, ...patch } });
            const reasonError = error?.field === `overrides.${k.id}.reason` ? new ApiError(422, error.title, error.detail, "reason") : null;
            return (
              <tr data-kr={k.key}>
                <th scope="row">{k.title}</th>
                <td>{score1(k.computed_score)}</td>
                <td>
                  <label class="check">
                    <input type="checkbox" checked={ov.on} onChange={(e) => set({ on: (e.target as HTMLInputElement).checked })} /> Override the score of {k.key}
                  </label>
                  {ov.on && (
                    <div class="row">
                      <Field label="Score (0.0–1.0)" name="score" error={null}>
                        {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={ov.score} onInput={(e) => set({ score: (e.target as HTMLInputElement).value })} />}
                      </Field>
                      <Field label="Reason (required)" name="reason" error={reasonError}>
                        {(id, d) => <input id={id} aria-describedby={d} value={ov.reason} onInput={(e) => set({ reason: (e.target as HTMLInputElement).value })} />}
                      </Field>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <fieldset>
        <legend>Reflection</legend>
        {(["what_worked", "what_did_not", "what_we_learned"] as const).map((f) => (
          <Field label={f === "what_worked" ? "What worked" : f === "what_did_not" ? "What did not" : "What we learned"} name={f} error={error}>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={texts[f]} onInput={(e) => setTexts({ ...texts, [f]: (e.target as HTMLTextAreaElement).value })} />}
          </Field>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary">
          Save grading
        </button>
        {saved && (
          <span role="status" class="saved">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

export function Grading({ cycle, team }: { cycle: string; team: string }) {
  useCurrentCycle(cycle);
  const t = useTeamPage(cycle, team);
  if (t.error) return <Problem error={t.error} />;
  if (!t.data) return <Loading what="the grading" />;
  const d = t.data;
  const c = encodeURIComponent(d.cycle.name);
  return (
    <section>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={`/cycles/${c}`}>{d.cycle.name}</a> › <a href={`/cycles/${c}/teams/${encodeURIComponent(d.team.key)}`}>{d.team.name}</a> ›{" "}
        <span aria-current="page">Grading</span>
      </nav>
      <div class="page-head">
        <h1>Grading · {d.team.name}</h1>
        <Score score={d.score} />
      </div>
      <p class="muted">
        Cycle {d.cycle.name} is {d.cycle.state}. A healthy aspirational objective lands at 0.6–0.7; override a score only with a reason everyone can read.
      </p>
      <p class="report-links">
        Grading report:{" "}
        {(["html", "md", "csv"] as const).map((f) => (
          <>
            <a href={`/api/v1/cycles/${c}/reports/grading?team=${encodeURIComponent(d.team.key)}&format=${f}`} download>
              {f === "html" ? "HTML" : f === "md" ? "Markdown" : "CSV"}
            </a>{" "}
          </>
        ))}
      </p>
      {d.cycle.state === "closed" && <p class="locked">Cycle {d.cycle.name} is closed: its grades are final and locked. An administrator may reopen it.</p>}
      {d.cycle.state !== "closed" && !d.can_grade && <p class="problem">Your role does not allow you to grade this team's objectives; what you see is read-only.</p>}
      {d.can_grade && d.objectives.map((o) => <ObjectiveGrading o={o} onSaved={t.reload} />)}
    </section>
  );
}
