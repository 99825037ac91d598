// The company at a glance for one cycle.
import { useState } from "preact/hooks";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { ScoreTrend } from "../../components/trend";
import { Empty, Loading, Pace, Problem, Score } from "../../components/ui";
import { isRunning, useCurrentCycle } from "../../lib/cycles";
import { count, cycleDay, score1 } from "../../lib/format";
import { useLoad } from "../../lib/use-load";
import { filterQuery, isFiltered, OverviewFilterBar, useFilters } from "./filters";
import { TeamsTable } from "./teams-table";

type Item = Schemas["Overview"]["attention"][number];

export function Overview({ cycle }: { cycle: string }) {
  useCurrentCycle(cycle);
  const [filters, setFilter, clearFilters] = useFilters();
  const query = filterQuery(filters);
  const key = JSON.stringify(query);
  // The key results listed after the first ten, fetched 50 at a time on request.
  const [more, setMore] = useState<{ key: string; items: Item[]; busy: boolean; error?: ApiError }>({ key, items: [], busy: false });
  const o = useLoad(() => must(api.GET("/api/v1/cycles/{cycle}/overview", { params: { path: { cycle }, query: { limit: 10, ...query } } })), [cycle, key]);
  const extra = more.key === key ? more.items : [];
  const showMore = async () => {
    setMore({ key, items: extra, busy: true });
    try {
      const next = await must(
        api.GET("/api/v1/cycles/{cycle}/overview", { params: { path: { cycle }, query: { ...query, limit: 50, depth: 0, offset: (o.data?.attention.length ?? 0) + extra.length } } }),
      );
      setMore({ key, items: [...extra, ...next.attention], busy: false });
    } catch (e) {
      setMore({ key, items: extra, busy: false, error: e as ApiError });
    }
  };
  // For an empty cycle, where to start: the first teams of the tree (any other is a search away).
  const empty = o.data?.objectives === 0;
  const teams = useLoad(() => (empty ? must(api.GET("/api/v1/teams", { params: { query: { limit: 50 } } })) : Promise.resolve(null)), [empty]);
  // A filter the server refuses (an owner who has gone, a hand-edited address) keeps the
  // filters on the page, so they can be changed or cleared.
  if (o.error && isFiltered(filters))
    return (
      <section>
        <h1>Company overview</h1>
        <OverviewFilterBar filters={filters} set={setFilter} clear={clearFilters} />
        <Problem error={o.error} />
      </section>
    );
  if (o.error) return <Problem error={o.error} />;
  if (!o.data) return <Loading what="the overview" />;
  const d = o.data;
  const { day, days } = cycleDay(d.cycle.start, d.cycle.end, d.today);
  // The whole cycle's counts, not only those of the teams listed.
  const totals = { on: d.on_track, risk: d.at_risk, off: d.off_track };
  const c = encodeURIComponent(d.cycle.name);
  const most = Math.max(1, ...d.distribution);
  const listed = [...d.attention, ...extra];
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
            <a class="pace pace-on-track" href="?status=on-track">
              {totals.on} on track
            </a>{" "}
            ·{" "}
            <a class="pace pace-at-risk" href="?status=at-risk">
              {totals.risk} at risk
            </a>{" "}
            ·{" "}
            <a class="pace pace-off-track" href="?status=off-track">
              {totals.off} off track
            </a>
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
          <TeamsTable teams={d.teams} cycle={d.cycle.name} total={d.teams_total} />

          <div class="two-col">
            <div>
              <h2 id="key-results-h">{isFiltered(filters) ? "Key results" : "Needs attention"}</h2>
              <OverviewFilterBar filters={filters} set={setFilter} clear={clearFilters} />
              {listed.length === 0 ? (
                <Empty>{isFiltered(filters) ? "No key result of the cycle matches these filters." : "Every key result is on track."}</Empty>
              ) : (
                <ul class="attention" aria-labelledby="key-results-h">
                  {listed.map((a) => (
                    <li>
                      <Pace pace={a.pace} /> <a href={`/objectives/${a.objective.id}`}>{a.key_result.title}</a>
                      <div class="muted">
                        {a.team_name} · {a.owner_name ?? "no owner"} · score {score1(a.score)}
                        {a.confidence !== null && ` · confidence ${score1(a.confidence)}`}
                        {a.stale && " · stale"}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              {more.key === key && more.error && <Problem error={more.error} />}
              <p class="muted" role="status">
                {d.attention_total > 0 &&
                  `${listed.length.toLocaleString("en-GB")} of ${count(d.attention_total, "key result")} ${isFiltered(filters) ? "matching" : "needing attention"} shown, the most urgent first.`}{" "}
                {d.attention_total > listed.length && (
                  <button type="button" class="link" disabled={more.busy} onClick={showMore}>
                    Show {Math.min(50, d.attention_total - listed.length)} more
                  </button>
                )}
              </p>
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
