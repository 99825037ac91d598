// The sprint view: each of a team's sprints as the sprint-to-outcome report the server
// computes (GET /sprints/{id}/report): finished work grouped by the key results and
// objectives it serves, how those key results moved over the sprint, the finished work
// serving none, and the linked share; the newest sprints first, older ones on request
// (GET /teams/{team}/sprint-work). Work outside any sprint is listed after them.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { session } from "../../api/session";
import { Combobox } from "../../components/search";
import { Empty, Field, Loading, Problem } from "../../components/ui";
import { formatValue, score1 } from "../../lib/format";
import { useLoad } from "../../lib/use-load";

type Initiative = Schemas["Initiative"];
type Report = Schemas["SprintReport"];

// Choose a team by typing its name: the teams one belongs to are offered first, any
// other is found by the search (never a list of every team).
function TeamPicker() {
  const { route } = useLocation();
  const [text, setText] = useState("");
  const roles = (session.value?.roles ?? []).slice(0, 10);
  const teams = useLoad(() => Promise.all(roles.map((r) => must(api.GET("/api/v1/teams/{team}", { params: { path: { team: String(r.team_id) } } })))), [roles.map((r) => r.team_id).join(",")]);
  const mine = (teams.data ?? []).map((t) => ({ key: t.key!, name: t.name ?? t.key! }));
  const open = (key: string) => route(`/teams/${encodeURIComponent(key)}/sprints`);
  return (
    <section>
      <h1>Sprints</h1>
      <p>Choose a team to see its sprints and how their work connects to key results.</p>
      <form
        class="row"
        aria-label="Choose a team"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) open(text.trim());
        }}
      >
        <Field label="Team (name or key)" name="team">
          {(id, d) => <Combobox id={id} describedBy={d} kind="team" value={text} setValue={setText} onPick={(f) => open(f.key)} />}
        </Field>
        <button type="submit">Open</button>
      </form>
      {mine.length > 0 && (
        <>
          <h2>Your teams</h2>
          <ul class="plain">
            {mine.map((t) => (
              <li>
                <a href={`/teams/${encodeURIComponent(t.key)}/sprints`}>{t.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Work({ list, krs }: { list: Initiative[]; krs: Map<number, string> }) {
  if (list.length === 0) return <Empty>No work recorded.</Empty>;
  return (
    <ul class="plain initiatives">
      {list.map((i) => (
        <li>
          <span class={`status status-${i.status}`}>{i.status?.replace(/-/g, " ")}</span> {i.url ? <a href={i.url}>{i.key}</a> : i.key} {i.title}{" "}
          {(i.key_result_ids ?? []).length === 0 ? (
            <span class="flag">linked to no key result</span>
          ) : (
            <span class="muted">→ {(i.key_result_ids ?? []).map((id) => krs.get(id) ?? `#${id}`).join(", ")}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function Sprints({ team }: { team?: string }) {
  if (!team) return <TeamPicker />;
  return <TeamSprints team={team} />;
}

function WorkItem({ i }: { i: Initiative }) {
  return (
    <>
      {i.url ? <a href={i.url}>{i.key}</a> : i.key} {i.title}
    </>
  );
}

function SprintReport({ report }: { report: Report }) {
  const s = report.sprint;
  return (
    <article class="card sprint-report">
      <h2>
        {s.name} <span class="muted">{s.start} to {s.end}</span>
      </h2>
      <p>
        {report.done === 0
          ? "No work finished in this sprint."
          : `${report.linked_done} of ${report.done} finished work items (${Math.round(report.linked_share * 1000) / 10} %) serve a key result.`}
      </p>
      {report.objectives.map((o) => (
        <section>
          <h3>
            {o.title} <span class="muted">{o.team}</span>
          </h3>
          {o.key_results.map((k) => (
            <div class="movement">
              <h4>{k.title}</h4>
              <p class="muted">
                {formatValue(k.value_at_start ?? k.start, k.metric, k.unit)}
                {k.value_at_start === null ? " (baseline)" : ""} → {formatValue(k.value_at_end ?? k.start, k.metric, k.unit)} over the sprint, score {score1(k.score_at_start)} → {score1(k.score_at_end)}
                {k.follows_kpi ? " (follows a KPI)" : ""}
              </p>
              <ul class="plain initiatives">
                {k.done.map((i) => (
                  <li>
                    <span class="status status-done">done</span> <WorkItem i={i} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      {report.unlinked_done.length > 0 && (
        <section>
          <h3>Finished, serving no key result</h3>
          <ul class="plain initiatives">
            {report.unlinked_done.map((i) => (
              <li>
                <span class="status status-done">done</span> <WorkItem i={i} /> <span class="flag">linked to no key result</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.not_done.length > 0 && (
        <section>
          <h3>Not finished</h3>
          <ul class="plain initiatives">
            {report.not_done.map((i) => (
              <li>
                <span class={`status status-${i.status}`}>{i.status?.replace(/_/g, " ")}</span> <WorkItem i={i} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function TeamSprints({ team }: { team: string }) {
  // The newest sprints come with the page; older ones a page at a time on request.
  const [older, setOlder] = useState<{ team: string; reports: Report[]; next: string | null; busy: boolean; error?: ApiError }>({ team, reports: [], next: null, busy: false });
  const data = useLoad(() => must(api.GET("/api/v1/teams/{team}/sprint-work", { params: { path: { team } } })), [team]);
  if (data.error) return <Problem error={data.error} />;
  if (!data.data) return <Loading what="the sprints" />;
  const w = data.data;
  const mine: typeof older = older.team === team ? older : { team, reports: [], next: null, busy: false };
  const reports = [...w.sprints, ...mine.reports];
  const next = mine.reports.length > 0 ? mine.next : w.next;
  const showOlder = async () => {
    setOlder({ ...mine, busy: true });
    try {
      const page = await must(api.GET("/api/v1/teams/{team}/sprint-work", { params: { path: { team }, query: { before: next ?? undefined } } }));
      setOlder({ team, reports: [...mine.reports, ...page.sprints], next: page.next, busy: false });
    } catch (e) {
      setOlder({ ...mine, busy: false, error: e as ApiError });
    }
  };
  const krs = new Map<number, string>();
  for (const i of w.unplanned) for (const k of i.key_results) krs.set(k.id, k.title || k.key);
  return (
    <section>
      <h1>Sprints · {w.team.name}</h1>
      {reports.map((r) => (
        <SprintReport report={r} />
      ))}
      {mine.error && <Problem error={mine.error} />}
      {next && (
        <p>
          <button type="button" disabled={mine.busy} onClick={showOlder}>
            Older sprints ({w.sprints_total - reports.length} more)
          </button>
        </p>
      )}
      {w.unplanned.length > 0 && (
        <article class="card">
          <h2>Not in a sprint</h2>
          <Work list={w.unplanned} krs={krs} />
          {w.unplanned_total > w.unplanned.length && (
            <p class="muted">
              {w.unplanned.length} of {w.unplanned_total} shown, by key; <code>GET /api/v1/initiatives</code> lists them all.
            </p>
          )}
        </article>
      )}
      {reports.length === 0 && w.unplanned.length === 0 && <Empty>{w.team.name} has no sprints or work recorded yet.</Empty>}
    </section>
  );
}
