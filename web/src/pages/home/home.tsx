// "My OKRs": where a signed-in person lands. The key results they own (stale and
// off track first) with check-in one click away, their objectives, their teams'
// scores, what other teams ask of them, grading to do, and what moved since their
// last visit. The company view is one link away.
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { session } from "../../api/session";
import { Empty, Loading, Pace, Problem, Score } from "../../components/ui";
import { currentCycle, defaultCycle, isRunning, loadCycles } from "../../lib/cycles";
import { formatValue, score1 } from "../../lib/format";
import { useLoad } from "../../lib/use-load";
import { KeyResultRow } from "../team/team";

type Home = Schemas["Home"];

// The last visit is remembered per person in this browser; what moved since then is shown.
const visitKey = () => `okr.last-visit.${session.value?.user.id ?? ""}`;

function MyHome({ cycle }: { cycle: string }) {
  // The previous visit's time is read once; this visit becomes the next one's "last".
  const [since] = useState(() => localStorage.getItem(visitKey()) ?? undefined);
  useEffect(() => localStorage.setItem(visitKey(), new Date().toISOString().slice(0, 19) + "Z"), []);
  const home = useLoad(() => must(api.GET("/api/v1/home", { params: { query: { cycle, ...(since ? { since } : {}) } } })), [cycle]);
  if (home.error) return <Problem error={home.error} />;
  if (!home.data) return <Loading what="your OKRs" />;
  const h: Home = home.data;
  const c = encodeURIComponent(h.cycle.name);
  const running = isRunning(h.cycle);
  const name = session.value?.user.name || session.value?.user.email;
  const toGrade = h.teams.filter((t) => t.to_review > 0);
  const stale = h.key_results.filter((k) => k.stale).length;
  return (
    <section class="home">
      <div class="page-head">
        <h1>My OKRs</h1>
        <a class="button" href={`/cycles/${c}`}>
          Company overview of {h.cycle.name}
        </a>
      </div>
      <p class="muted">
        {name}, {h.cycle.name} is {h.cycle.state}
        {running && `; ${Math.round(h.expected_progress * 100)} % of it has passed`}.
        {stale > 0 && ` ${stale} of your key results ${stale === 1 ? "waits" : "wait"} for a check-in.`}
      </p>

      {(h.asked.length > 0 || toGrade.length > 0) && (
        <section class="card asks" aria-labelledby="asks-h">
          <h2 id="asks-h">Asked of you</h2>
          <ul>
            {h.asked.map((d) => (
              <li data-asked={d.id}>
                <a href={`/cycles/${c}/teams/${encodeURIComponent(d.team)}`}>
                  {d.asking_team} needs {d.team}
                </a>{" "}
                for “{d.key_result.title}”: {d.note}
              </li>
            ))}
            {toGrade.map((t) => (
              <li data-grade={t.key}>
                <a href={`/cycles/${c}/teams/${encodeURIComponent(t.key)}/grading`}>
                  Grade {t.name}: {t.to_review} {t.to_review === 1 ? "objective" : "objectives"} without a review
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="mine-h">
        <h2 id="mine-h">Key results you own</h2>
        {h.key_results.length === 0 ? (
          <Empty>You own no key result in {h.cycle.name}.</Empty>
        ) : (
          <ul class="krs">
            {h.key_results.map((k) => (
              <KeyResultRow
                kr={k}
                expected={h.expected_progress}
                today={h.today}
                running={running}
                onCheckedIn={home.reload}
                context={
                  <>
                    <a href={`/objectives/${k.objective.id}`}>{k.objective.title}</a> · {k.team.name}
                  </>
                }
              />
            ))}
          </ul>
        )}
      </section>

      {h.objectives.length > 0 && (
        <section aria-labelledby="objectives-h">
          <h2 id="objectives-h">Objectives you own</h2>
          <ul class="plain">
            {h.objectives.map((o) => (
              <li class="home-objective" data-objective={o.key}>
                <a href={`/objectives/${o.id}`}>{o.title}</a> <span class="muted">· {o.team.name} · {o.kind}</span> <Score score={o.score} band={o.band} />{" "}
                {running && <Pace pace={o.pace} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="teams-h">
        <h2 id="teams-h">Your teams</h2>
        {h.teams.length === 0 ? (
          <Empty>You are not a member of any team yet; an administrator or a team lead can add you.</Empty>
        ) : (
          <table class="teams">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Your role</th>
                <th scope="col">Score</th>
                <th scope="col">Key results</th>
              </tr>
            </thead>
            <tbody>
              {h.teams.map((t) => (
                <tr data-team={t.key}>
                  <th scope="row">
                    <a href={`/cycles/${c}/teams/${encodeURIComponent(t.key)}`}>{t.name}</a>
                  </th>
                  <td>{t.role}</td>
                  <td>
                    <Score score={t.score} />
                  </td>
                  <td>
                    {t.on_track} on track · {t.at_risk} at risk · {t.off_track} off track
                    {t.stale > 0 && ` · ${t.stale} stale`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="changes-h">
        <h2 id="changes-h">{since ? "Since your last visit" : "This week"}</h2>
        {h.changes.length === 0 ? (
          <Empty>Nobody else has checked in on your key results {since ? "since your last visit" : "this week"}.</Empty>
        ) : (
          <ul class="plain changes">
            {h.changes.map((ch) => (
              <li>
                <strong>{ch.author || "someone"}</strong> checked in {formatValue(ch.value, ch.key_result.metric, ch.key_result.unit)} on “{ch.key_result.title}”
                {ch.confidence !== null && ` (confidence ${score1(ch.confidence)})`} <span class="muted">{ch.at.slice(0, 10)}</span>
                {ch.note && <div class="note">{ch.note}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/** "/": the person's home in the current cycle; an empty database shows how to start. */
export function Home() {
  const { route } = useLocation();
  const [error, setError] = useState<ApiError | null>(null);
  const [cycle, setCycle] = useState<string | undefined>(undefined);
  useEffect(() => {
    loadCycles()
      .then((list) => {
        const c = defaultCycle(list);
        if (!c) return route("/start", true);
        currentCycle.value = c.name;
        setCycle(c.name);
      })
      .catch((e) => setError(e as ApiError));
  }, []);
  if (error) return <Problem error={error} />;
  if (!cycle) return <Loading what="the current cycle" />;
  return <MyHome cycle={cycle} />;
}
