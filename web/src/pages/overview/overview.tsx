// The company at a glance for one cycle.
import { useState } from "preact/hooks";
import { api, must, type Schemas } from "../../api/client";
import { ScoreTrend } from "../../components/trend";
import { Empty, Loading, Pace, Problem, Score } from "../../components/ui";
import { isRunning, useCurrentCycle } from "../../lib/cycles";
import { count, cycleDay, score1 } from "../../lib/format";
import { useLoad } from "../../lib/use-load";

export function Overview({ cycle }: { cycle: string }) {
  useCurrentCycle(cycle);
  // How many of the key results needing attention to list: more on request, up to the 500 the server keeps.
  const [shown, setShown] = useState(10);
  const o = useLoad(() => must(api.GET("/api/v1/cycles/{cycle}/overview", { params: { path: { cycle }, query: { limit: shown } } })), [cycle, shown]);
  // For an empty cycle, where to start: the first teams of the tree (any other is a search away).
  const empty = o.data?.objectives === 0;
  const teams = useLoad(() => (empty ? must(api.GET("/api/v1/teams", { params: { query: { limit: 50 } } })) : Promise.resolve(null)), [empty]);
  if (o.error) return <Problem error={o.error} />;
  if (!o.data) return <Loading what="the overview" />;
  const d = o.data;
  const { day, days } = cycleDay(d.cycle.start, d.cycle.end, d.today);
  // The whole cycle's counts, not only those of the teams listed.
  const totals = { on: d.on_track, risk: d.at_risk, off: d.off_track };
  const c = encodeURIComponent(d.cycle.name);
  const most = Math.max(1, ...d.distribution);
  return (
    <section>
      <div class="page-head">
        <h1>Company overview · {d.cycle.name}</h1>
        <div class="actions">
          <a class="button" href={`/cycles/${c}/present`}>
            Present
          </a>
        </div>
      </div>
      <div class="cards">
        <div class="card">
          <h2>Overall score</h2>
          <p class="big">
            <Score score={d.objectives ? d.score : null} band={d.band} />
          </p>
        </div>
        <div class="card">
          <h2>Cycle</h2>
          <p class="big">{isRunning(d.cycle) ? `Day ${day} of ${days}` : d.cycle.state}</p>
          <p class="muted">
            {d.cycle.start} to {d.cycle.end}; {Math.round(d.expected_progress * 100)} % of it has passed. Each key result is paced toward its objective's aim:
            1.0 when committed, about 0.7 when aspirational.
          </p>
        </div>
        <div class="card">
          <h2>Key results</h2>
          <p class="big">{d.key_results}</p>
          <p>
            <span class="pace pace-on-track">{totals.on} on track</span> · <span class="pace pace-at-risk">{totals.risk} at risk</span> ·{" "}
            <span class="pace pace-off-track">{totals.off} off track</span>
          </p>
        </div>
      </div>

      {d.objectives > 0 && <ScoreTrend cycle={d.cycle.name} title="Score of the company" version={d} />}

      {d.objectives === 0 ? (
        <div class="card">
          <h2>No objectives in this cycle yet</h2>
          <p>Pick a team and write its two or three objectives; the coach helps as you type.</p>
          <ul class="plain">
            {(teams.data?.items ?? []).map((t: Schemas["Team"]) => (
              <li>
                <a href={`/cycles/${c}/teams/${encodeURIComponent(t.key ?? "")}/new`}>Write objectives for {t.name}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <h2>Teams</h2>
          {d.teams_total > d.teams.length && (
            <p class="muted">
              The {d.teams.length} teams at the top of the organisation, of {d.teams_total}; each team's page shows its own objectives.
            </p>
          )}
          <div class="table-wrap" tabIndex={0}>
            <table class="teams">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Score</th>
                  <th scope="col">Objectives</th>
                  <th scope="col">On track</th>
                  <th scope="col">At risk</th>
                  <th scope="col">Off track</th>
                </tr>
              </thead>
              <tbody>
                {d.teams.map((t) => (
                  <tr>
                    <th scope="row" class={`depth-${Math.min(t.depth, 4)}`}>
                      <a href={`/cycles/${c}/teams/${encodeURIComponent(t.key)}`}>{t.name}</a>
                    </th>
                    <td>
                      <Score score={t.score} band={t.band} />
                    </td>
                    <td>{t.objectives}</td>
                    <td>{t.on_track}</td>
                    <td>{t.at_risk}</td>
                    <td>{t.off_track}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <div class="two-col">
            <div>
              <h2>Needs attention</h2>
              {d.attention.length === 0 ? (
                <Empty>Every key result is on track.</Empty>
              ) : (
                <ul class="attention">
                  {d.attention.map((a) => (
                    <li>
                      <Pace pace={a.pace} /> <a href={`/objectives/${a.objective.id}`}>{a.key_result.title}</a>
                      <div class="muted">
                        {a.team_name} · {a.owner_name ?? "no owner"} · score {score1(a.score)}
                        {a.confidence !== null && ` · confidence ${score1(a.confidence)}`}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              {d.attention_total > d.attention.length && (
                <p class="muted">
                  {d.attention.length} of {d.attention_total} shown, the most urgent first.{" "}
                  {shown < 500 && (
                    <button type="button" class="link" disabled={o.loading} onClick={() => setShown(Math.min(500, shown + 50))}>
                      Show {Math.min(50, d.attention_total - d.attention.length)} more
                    </button>
                  )}
                </p>
              )}
            </div>
            <div>
              <h2 id="distribution">Distribution of objective scores</h2>
              <ol class="histogram" aria-labelledby="distribution">
                {d.distribution.map((n, i) => (
                  <li>
                    <span class="histogram-count">{n}</span>
                    <span class={`histogram-bar band-${i >= 7 ? "green" : i >= 4 ? "yellow" : "red"}`} style={{ height: `${(n / most) * 100}%` }} />
                    <span class="histogram-label">
                      <span class="sr-only">{count(n, "objective")} at </span>
                      {(i / 10).toFixed(1)}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
