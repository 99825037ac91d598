// The quarterly review: a team's objectives one to a screen in large type, read-only,
// advanced by keyboard (→, Space, PageDown; ← and PageUp go back; Escape leaves).
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { Loading, Pace, ProgressBar, Problem, Score } from "../../components/ui";
import { isRunning, useCurrentCycle } from "../../lib/cycles";
import { count, standing } from "../../lib/format";
import { useTeamPage } from "../team/team";

export function Present({ cycle, team }: { cycle: string; team: string }) {
  useCurrentCycle(cycle);
  const { route } = useLocation();
  const t = useTeamPage(cycle, team);
  const [at, setAt] = useState(0); // 0: the title screen; n: objective n
  const total = (t.data?.objectives.length ?? 0) + 1;
  const back = `/cycles/${encodeURIComponent(cycle)}/teams/${encodeURIComponent(team)}`;
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (["ArrowRight", " ", "PageDown"].includes(e.key)) setAt((n) => Math.min(total - 1, n + 1));
      else if (["ArrowLeft", "PageUp"].includes(e.key)) setAt((n) => Math.max(0, n - 1));
      else if (e.key === "Home") setAt(0);
      else if (e.key === "End") setAt(total - 1);
      else if (e.key === "Escape") route(back);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", key);
    return () => window.removeEventListener("keydown", key);
  }, [total, back]);
  if (t.error) return <Problem error={t.error} />;
  if (!t.data) return <Loading what="the review" />;
  const d = t.data;
  const running = isRunning(d.cycle);
  const o = at > 0 ? d.objectives[at - 1] : undefined;
  return (
    <section class="present" aria-roledescription="presentation" aria-live="polite">
      <p class="muted present-nav">
        {at + 1} / {total} · ← → to move, Escape to leave ·{" "}
        <a href={back}>
          Back to {d.team.name}
        </a>
      </p>
      {!o ? (
        <div class="slide">
          <h1>
            {d.team.name} · {d.cycle.name}
          </h1>
          <p class="present-score">
            <Score score={d.score} />
          </p>
          <p>{count(d.objectives.length, "objective")} · {d.cycle.state}</p>
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
      <div class="actions present-buttons">
        <button type="button" onClick={() => setAt(Math.max(0, at - 1))} disabled={at === 0}>
          Previous
        </button>
        <button type="button" onClick={() => setAt(Math.min(total - 1, at + 1))} disabled={at === total - 1}>
          Next
        </button>
      </div>
    </section>
  );
}
