// One objective: per key result its check-ins against the expected pace, the
// history with notes and authors, linked sprint work, and where it sits in the tree.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, etag, must } from "../../api/client";
import { CheckInChart, TrendChart } from "../../components/chart";
import { CheckInForm } from "../../components/checkin";
import { CheckInHistoryRow } from "../../components/check-in-row";
import { CommentThread } from "../../components/comments";
import { Confirm, Empty, Loading, Pace, ProgressBar, Problem, Score } from "../../components/ui";
import { currentCycle, isRunning } from "../../lib/cycles";
import { count, forecastText, score1, standing } from "../../lib/format";
import { useLoad } from "../../lib/use-load";

export function ObjectivePage({ objective }: { objective: string }) {
  const { route } = useLocation();
  const o = useLoad(
    () => must(api.GET("/api/v1/objectives/{objective}/detail", { params: { path: { objective } } })),
    [objective],
  );
  const [checkingIn, setCheckingIn] = useState<number | null>(null);
  if (o.error) return <Problem error={o.error} />;
  if (!o.data) return <Loading what="the objective" />;
  const d = o.data;
  currentCycle.value = d.cycle.name;
  const ob = d.objective;
  const running = isRunning(d.cycle);
  const c = encodeURIComponent(d.cycle.name);
  const krTitle = new Map(ob.key_results.map((k) => [k.id, k.key]));
  return (
    <section>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={`/cycles/${c}`}>{d.cycle.name}</a> › <a href={`/cycles/${c}/teams/${encodeURIComponent(d.team.key)}`}>{d.team.name}</a> ›{" "}
        <span aria-current="page">{ob.title}</span>
      </nav>
      <div class="page-head">
        <h1>{ob.title}</h1>
        <Score score={ob.score} band={ob.band} />
        <div class="actions">
          {d.can_edit && (
            <a class="button" href={`/objectives/${ob.id}/edit`}>
              Edit
            </a>
          )}
          {d.can_edit && running && (
            <Confirm
              label="Delete objective"
              confirm="Delete it"
              danger
              explain={
                <>
                  Delete “{ob.title}” with its {count(ob.key_results.length, "key result")} and their check-ins? The deletion is recorded in the audit log; it
                  cannot be undone here.
                </>
              }
              run={async () => {
                await must(api.DELETE("/api/v1/objectives/{objective}", { params: { path: { objective: String(ob.id) }, header: { "If-Match": etag(ob.version!) } } }));
                route(`/cycles/${c}/teams/${encodeURIComponent(d.team.key)}`);
              }}
            />
          )}
          {d.can_grade && (
            <a class="button" href={`/cycles/${c}/teams/${encodeURIComponent(d.team.key)}/grading`}>
              Grade
            </a>
          )}
        </div>
      </div>
      {ob.description && <p>{ob.description}</p>}
      <p class="muted">
        {ob.kind} · owner {ob.owner ?? "none"}
        {running && (
          <>
            {" "}
            · <Pace pace={ob.pace} />
            {ob.forecast && (
              <>
                {" "}
                · {forecastText(ob.forecast)} at the cycle's end
              </>
            )}
          </>
        )}
        {ob.flags.map((f) => (
          <span class="flag">{f.replace(/-/g, " ")}</span>
        ))}
      </p>
      {(ob.status_history ?? []).length > 1 && (
        <section aria-labelledby="trend-h">
          <h2 id="trend-h">Score week by week</h2>
          <TrendChart title={`Score of ${ob.title}`} points={ob.status_history ?? []} />
        </section>
      )}

      <div class="cards">
        <div class="card">
          <h2>Aligns to</h2>
          {d.parent ? (
            <p>
              <a href={`/objectives/${d.parent.id}`}>{d.parent.title}</a> <span class="muted">({d.parent.team_name})</span> <Score score={d.parent.score} band={d.parent.band} />
            </p>
          ) : (
            <p class="muted">{d.team.parent_id === null ? "A top-level objective." : "Not aligned to any objective above this team."}</p>
          )}
        </div>
        <div class="card">
          <h2>Aligned to this</h2>
          {d.children.length === 0 ? (
            <p class="muted">No objectives align to this one yet.</p>
          ) : (
            <ul class="plain">
              {d.children.map((ch) => (
                <li>
                  <a href={`/objectives/${ch.id}`}>{ch.title}</a> <span class="muted">({ch.team_name})</span> <Score score={ch.score} band={ch.band} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="card">
          <h2>Contributing teams</h2>
          {d.contributing_teams.length === 0 ? (
            <p class="muted">Only {d.team.name}.</p>
          ) : (
            <ul class="plain">
              {d.contributing_teams.map((t) => (
                <li>
                  <a href={`/cycles/${c}/teams/${encodeURIComponent(t.key)}`}>{t.name}</a> <span class="muted">{t.function}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <h2>Key results</h2>
      {ob.key_results.length === 0 && <Empty>No key results yet.</Empty>}
      {ob.key_results.map((kr) => (
        <article class="card kr-detail" data-kr={kr.key}>
          <header>
            <h3>{kr.title}</h3>
            <Score score={kr.score} />
          </header>
          <ProgressBar score={kr.score} expected={running ? kr.expected : undefined} label={`Progress of ${kr.title}`} />
          <p class="muted">
            {standing(kr)} · owner {kr.owner ?? "none"} · confidence {kr.confidence === null ? "–" : score1(kr.confidence)}
            {running && (
              <>
                {" "}
                · <Pace pace={kr.pace} />
                {kr.forecast && (
                  <>
                    {" "}
                    · {forecastText(kr.forecast)}
                  </>
                )}
                {kr.stale && (
                  <>
                    {" "}
                    · <span class="stale">stale: no check-in within the team's cadence</span>
                  </>
                )}
              </>
            )}
          </p>
          {kr.override && (
            <p class="note">
              Score overridden to {score1(kr.override.score)} (computed {score1(kr.computed_score)}): {kr.override.reason}
            </p>
          )}
          {kr.kpi_id !== null && <p class="note">This key result follows a KPI: each new measurement is its value.</p>}
          {kr.driven_by_aligned && (
            <p class="note">
              Scored by the {kr.aligned_objectives} objective{kr.aligned_objectives === 1 ? "" : "s"} aligned to it: its score is the mean of theirs.
            </p>
          )}
          <CheckInChart
            title={kr.title}
            points={kr.check_ins.map((x) => ({ at: x.at, value: x.value }))}
            cycle={d.cycle}
            start={kr.start}
            target={kr.target}
            aim={ob.aim}
            range={kr.metric === "range"}
            unit={kr.metric === "percent" ? "%" : kr.unit}
          />
          {kr.can_check_in &&
            (checkingIn === kr.id ? (
              <CheckInForm
                kr={kr}
                onCancel={() => setCheckingIn(null)}
                onDone={() => {
                  setCheckingIn(null);
                  void o.reload();
                }}
              />
            ) : (
              <button type="button" class="small" onClick={() => setCheckingIn(kr.id)}>
                Check in<span class="sr-only"> on {kr.title}</span>
              </button>
            ))}
          <details class="history">
            <summary>
              Check-in history ({kr.more_check_ins ? `the latest ${kr.check_ins.length}` : kr.check_ins.length})
            </summary>
            {kr.check_ins.length === 0 ? (
              <Empty>No check-ins yet.</Empty>
            ) : (
              <div class="table-wrap" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Value</th>
                      <th scope="col">Confidence</th>
                      <th scope="col">By</th>
                      <th scope="col">Note</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...kr.check_ins].reverse().map((x) => (
                      <CheckInHistoryRow x={x} metric={kr.metric} unit={kr.unit} open={d.cycle.state !== "closed"} onChanged={o.reload} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </details>
        </article>
      ))}

      <h2>Sprint work</h2>
      {d.initiatives.length === 0 ? (
        <Empty>No initiatives are linked to these key results.</Empty>
      ) : (
        <ul class="plain initiatives">
          {d.initiatives.map((i) => (
            <li>
              <span class={`status status-${i.status}`}>{i.status?.replace(/-/g, " ")}</span> {i.url ? <a href={i.url}>{i.key}</a> : i.key} {i.title}{" "}
              <span class="muted">→ {(i.key_result_ids ?? []).map((id) => krTitle.get(id)).filter(Boolean).join(", ")}</span>
            </li>
          ))}
        </ul>
      )}

      {d.review && (
        <>
          <h2>Reflection</h2>
          <dl class="reflection">
            <dt>What worked</dt>
            <dd>{d.review.what_worked || "–"}</dd>
            <dt>What did not</dt>
            <dd>{d.review.what_did_not || "–"}</dd>
            <dt>What we learned</dt>
            <dd>{d.review.what_we_learned || "–"}</dd>
          </dl>
        </>
      )}
      <CommentThread objective={ob.id} keyResults={ob.key_results.map((k) => ({ id: k.id, key: k.key, title: k.title }))} />
    </section>
  );
}
