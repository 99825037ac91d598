// Grading at the end of a cycle: each objective's computed score, overrides of key
// result scores with a required reason, the reflection, and the grading flags.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, etag, must, type Schemas } from "../../api/client";
import { isAdmin } from "../../api/session";
import { loadCycles } from "../../lib/cycles";
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
  // The key result whose override the error is about, and the error as its row's fields name it.
  const [errorKr, setErrorKr] = useState<{ id: number; error: ApiError } | null>(null);
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
    setErrorKr(null);
    setSaved(false);
    const list = o.key_results
      .filter((k) => overrides[k.id!]?.on)
      .map((k) => {
        const typed = overrides[k.id!].score.trim();
        return { key_result_id: k.id!, score: typed === "" ? NaN : Number(typed), reason: overrides[k.id!].reason.trim() };
      });
    // An error the server names by the override's place in the list is shown in that key result's row.
    const fail = (problem: ApiError) => {
      setError(problem);
      const m = problem.field?.match(/^overrides\[(\d+)\]\.(.+)$/);
      const item = m ? list[Number(m[1])] : undefined;
      if (m && item) setErrorKr({ id: item.key_result_id, error: new ApiError(problem.status, problem.title, problem.detail, m[2]) });
    };
    const missing = list.findIndex((x) => !x.reason);
    if (missing >= 0) {
      fail(new ApiError(422, "Invalid field", "an override needs a reason: say why the computed score is wrong", `overrides[${missing}].reason`));
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
      fail(err as ApiError);
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
          <span class="flag">{flagText(f)}</span>
        ))}
      </p>
      <Problem error={error} />
      <div class="table-wrap" tabIndex={0}>
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
            const rowError = errorKr?.id === k.id ? errorKr.error : null;
            return (
              <tr data-kr={k.key}>
                <th scope="row">{k.title}</th>
                <td>{score1(k.computed_score)}</td>
                <td>
                  <label class="check">
                    <input type="checkbox" checked={ov.on} onChange={(e) => set({ on: (e.target as HTMLInputElement).checked })} /> Override
                    <span class="sr-only"> the score of {k.title}</span>
                  </label>
                  {ov.on && (
                    <div class="row">
                      <Field label="Score (0.0–1.0)" name="score" error={rowError}>
                        {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={ov.score} onInput={(e) => set({ score: (e.target as HTMLInputElement).value })} />}
                      </Field>
                      <Field label="Reason (required)" name="reason" error={rowError}>
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
      </div>
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

type GradedObjective = NonNullable<NonNullable<Schemas["GradingDocument"]["teams"]>[number]["objectives"]>[number];

const flagText = (f: string) =>
  f === "not-ambitious-enough" ? "not ambitious enough: an aspirational objective at 1.0" : "missed commitment: a committed objective below 1.0";

/** A closed cycle's final grades, overrides, flags and reflections, read-only. */
function FinalGrades({ cycle, team }: { cycle: string; team: string }) {
  const doc = useLoad(() => must(api.GET("/api/v1/cycles/{cycle}/grading", { params: { path: { cycle }, query: { team } } })), [cycle, team]);
  if (doc.error) return <Problem error={doc.error} />;
  if (!doc.data) return <Loading what="the final grades" />;
  const objectives: GradedObjective[] = (doc.data.teams ?? []).flatMap((t) => (t.key === team ? t.objectives ?? [] : []));
  if (objectives.length === 0) return <p class="empty">This team had no objectives in {cycle}.</p>;
  return (
    <>
      {objectives.map((o) => (
        <article class="card final-grade" data-objective={o.key}>
          <header>
            <h2>{o.title}</h2>
            <Score score={o.score} band={o.band} />
          </header>
          <p class="muted">
            {o.kind}
            {o.flags.map((f) => (
              <span class="flag">{flagText(f)}</span>
            ))}
          </p>
          <div class="table-wrap" tabIndex={0}>
      <table class="grade-table">
            <thead>
              <tr>
                <th scope="col">Key result</th>
                <th scope="col">Computed</th>
                <th scope="col">Final</th>
              </tr>
            </thead>
            <tbody>
              {o.key_results.map((k) => (
                <tr data-kr={k.key}>
                  <th scope="row">{k.title}</th>
                  <td>{score1(k.computed_score)}</td>
                  <td>
                    <Score score={k.score} band={k.band} />
                    {k.override && (
                      <div class="override">
                        overridden by {k.override.by}: {k.override.reason}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
      </div>
          {o.reflection ? (
            <dl class="reflection">
              <dt>What worked</dt>
              <dd>{o.reflection.what_worked || "–"}</dd>
              <dt>What did not</dt>
              <dd>{o.reflection.what_did_not || "–"}</dd>
              <dt>What we learned</dt>
              <dd>{o.reflection.what_we_learned || "–"}</dd>
            </dl>
          ) : (
            <p class="muted">No reflection was written.</p>
          )}
        </article>
      ))}
    </>
  );
}

/** An administrator reopens a closed cycle for grading, after saying so. */
function Reopen({ cycle, onDone }: { cycle: string; onDone: () => void }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)}>
        Reopen {cycle} for grading
      </button>
    );
  const reopen = async () => {
    setBusy(true);
    setError(null);
    try {
      await must(api.POST("/api/v1/cycles/{cycle}/state", { params: { path: { cycle } }, body: { state: "grading" } }));
      await loadCycles().catch(() => undefined);
      onDone();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="confirm" role="group" aria-label={`Reopen ${cycle}`}>
      <p>Reopening unlocks every team's grades in {cycle} until it is closed again; the change is audited.</p>
      <Problem error={error} />
      <button type="button" class="primary" disabled={busy} onClick={reopen}>
        {busy ? "Reopening…" : "Reopen for grading"}
      </button>{" "}
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
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
      {d.cycle.state === "closed" && (
        <>
          <p class="locked">
            Cycle {d.cycle.name} is closed: its grades are final and locked.{" "}
            {isAdmin() ? "You may reopen it for grading." : "An administrator may reopen it."}
          </p>
          {isAdmin() && <Reopen cycle={d.cycle.name} onDone={t.reload} />}
          <FinalGrades cycle={d.cycle.name} team={d.team.key} />
        </>
      )}
      {d.cycle.state !== "closed" && !d.can_grade && <p class="problem">Your role does not allow you to grade this team's objectives; what you see is read-only.</p>}
      {d.can_grade && d.objectives.map((o) => <ObjectiveGrading o={o} onSaved={t.reload} />)}
    </section>
  );
}
