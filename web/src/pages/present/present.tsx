// The quarterly review, read-only and in large type, advanced by keyboard (→, Space,
// PageDown; ← and PageUp go back; Home and End; Escape leaves): a team's objectives one
// to a screen, or the company's score and trend, then each of its top teams.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, must } from "../../api/client";
import { ScoreTrend } from "../../components/trend";
import { Loading, Pace, ProgressBar, Problem, Score } from "../../components/ui";
import { isRunning, useCurrentCycle } from "../../lib/cycles";
import { count, standing } from "../../lib/format";
import { useLoad } from "../../lib/use-load";
import { useTeamPage } from "../team/team";

/** The screen shown (0: the title) of `total`, moved by the keyboard; Escape goes to `back`. */
function useSlides(total: number, back: string): [number, (n: number) => void] {
  const { route } = useLocation();
  const [at, setAt] = useState(0);
  // The listener reads the screens as last drawn: one bound to an earlier `total` would
  // see a single screen for a key pressed as soon as the loaded review is drawn, before
  // an effect could bind it again.
  const now = useRef({ total, back, route });
  now.current = { total, back, route };
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const last = Math.max(0, now.current.total - 1);
      if (["ArrowRight", " ", "PageDown"].includes(e.key)) setAt((n) => Math.min(last, n + 1));
      else if (["ArrowLeft", "PageUp"].includes(e.key)) setAt((n) => Math.max(0, n - 1));
      else if (e.key === "Home") setAt(0);
      else if (e.key === "End") setAt(last);
      else if (e.key === "Escape") now.current.route(now.current.back);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", key);
    return () => window.removeEventListener("keydown", key);
  }, []);
  return [Math.min(at, Math.max(0, total - 1)), setAt];
}

function Slides(props: { at: number; total: number; move: (n: number) => void; back: string; backName: string; children: ComponentChildren }) {
  const { at, total, move } = props;
  return (
    <section class="present" aria-roledescription="presentation" aria-live="polite">
      <p class="muted present-nav">
        {at + 1} / {total} · ← → to move, Escape to leave · <a href={props.back}>Back to {props.backName}</a>
      </p>
      {props.children}
      <div class="actions present-buttons">
        <button type="button" onClick={() => move(Math.max(0, at - 1))} disabled={at === 0}>
          Previous
        </button>
        <button type="button" onClick={() => move(Math.min(total - 1, at + 1))} disabled={at === total - 1}>
          Next
        </button>
      </div>
    </section>
  );
}

export function Present({ cycle, team }: { cycle: string; team: string }) {
  useCurrentCycle(cycle);
  const t = useTeamPage(cycle, team);
  const total = (t.data?.objectives.length ?? 0) + 1;
  const back = `/cycles/${encodeURIComponent(cycle)}/teams/${encodeURIComponent(team)}`;
  const [at, move] = useSlides(total, back);
  if (t.error) return <Problem error={t.error} />;
  if (!t.data) return <Loading what="the review" />;
  const d = t.data;
  const running = isRunning(d.cycle);
  const o = at > 0 ? d.objectives[at - 1] : undefined;
  return (
    <Slides at={at} total={total} move={move} back={back} backName={d.team.name}>
      {!o ? (
        <div class="slide">
          <h1>
            {d.team.name} · {d.cycle.name}
          </h1>
          <p class="present-score">
            <Score score={d.score} />
          </p>
          <p>
            {count(d.objectives.length, "objective")} · {d.cycle.state}
          </p>
          <ol>
            {d.objectives.map((x) => (
              <li>{x.title}</li>
            ))}
          </ol>
        </div>
      ) : (
        <div class="slide" data-objective={o.key}>
          <h1>{o.title}</h1>
          <p class="present-score">
            <Score score={o.score} band={o.band} /> {running && <Pace pace={o.pace} />} <span class="muted">{o.kind}</span>
          </p>
          <ul class="plain">
            {o.key_results.map((k) => (
              <li class="present-kr">
                <h2>{k.title}</h2>
                <ProgressBar score={k.score} expected={running ? k.expected : undefined} label={`Progress of ${k.title}`} />
                <p class="muted">
                  <Score score={k.score} /> {standing(k)}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Slides>
  );
}

/** One top team on its screen: its score and each objective's. */
function TeamSlide({ cycle, team }: { cycle: string; team: string }) {
  const t = useTeamPage(cycle, team);
  if (t.error) return <Problem error={t.error} />;
  if (!t.data) return <Loading what={team} />;
  const d = t.data;
  const running = isRunning(d.cycle);
  return (
    <div class="slide" data-team={d.team.key}>
      <h1>{d.team.name}</h1>
      <p class="present-score">
        <Score score={d.score} />
      </p>
      <ul class="plain">
        {d.objectives.map((o) => (
          <li class="present-kr" data-objective={o.key}>
            <h2>{o.title}</h2>
            <ProgressBar score={o.score} expected={running ? o.expected : undefined} label={`Progress of ${o.title}`} />
            <p class="muted">
              <Score score={o.score} band={o.band} /> {running && <Pace pace={o.pace} />} {o.kind}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

// The company's review: the teams at the top two levels of the tree, each on a screen.
export function PresentCompany({ cycle }: { cycle: string }) {
  useCurrentCycle(cycle);
  const o = useLoad(() => must(api.GET("/api/v1/cycles/{cycle}/overview", { params: { path: { cycle }, query: { limit: 1, depth: 1 } } })), [cycle]);
  const teams = (o.data?.teams ?? []).filter((t) => t.score !== null);
  const total = teams.length + 1;
  const back = `/cycles/${encodeURIComponent(cycle)}`;
  const [at, move] = useSlides(total, back);
  if (o.error) return <Problem error={o.error} />;
  if (!o.data) return <Loading what="the review" />;
  const d = o.data;
  const shown = at > 0 ? teams[at - 1] : undefined;
  return (
    <Slides at={at} total={total} move={move} back={back} backName="the overview">
      {!shown ? (
        <div class="slide">
          <h1>Company review · {d.cycle.name}</h1>
          <p class="present-score">
            <Score score={d.objectives ? d.score : null} band={d.band} />
          </p>
          <p>
            {count(d.objectives, "objective")} · {count(d.key_results, "key result")} · {d.cycle.state}
          </p>
          <ScoreTrend cycle={d.cycle.name} title="Score of the company" />
          <ol>
            {teams.map((t) => (
              <li>
                {t.name} <Score score={t.score} />
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <TeamSlide cycle={d.cycle.name} team={shown.key} />
      )}
    </Slides>
  );
}
