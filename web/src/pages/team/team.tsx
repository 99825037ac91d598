// A team's page: its objectives with their key results as progress bars against
// the expected pace, owners, confidence, days since the last check-in.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, etag, must, type Schemas } from "../../api/client";
import { CheckInForm } from "../../components/checkin";
import { DependencyForm } from "../../components/dependency";
import { ScoreTrend } from "../../components/trend";
import { Empty, Loading, Pace, ProgressBar, Problem, Score } from "../../components/ui";
import { isRunning, useCurrentCycle } from "../../lib/cycles";
import { ago, cycleDay, daysSince, forecastText, score1, standing } from "../../lib/format";
import { useLoad } from "../../lib/use-load";
import { applyFilters, FilterBar, useFilters } from "./filters";
import { SubTeams } from "./sub-teams";

type Kr = Schemas["KeyResultStatus"];

/** Why a key result is not on track, in words. */
function paceReason(kr: Kr): string {
  if (kr.pace_reason === "no-check-in") return "no check-in yet";
  if (kr.pace_reason === "low-confidence") return `low confidence (${score1(kr.confidence)})`;
  return `behind: ${score1(kr.score)} where ${score1(kr.expected)} is expected by now`;
}

export function KeyResultRow({ kr, expected, today, running, onCheckedIn, team, canEdit = false, context }: { kr: Kr; expected: number; today: string; running: boolean; onCheckedIn: () => void; team?: string; canEdit?: boolean; context?: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  // Closing the check-in form (saved, cancelled or Escape) returns focus to its button.
  const [refocus, setRefocus] = useState(false);
  const checkInButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (refocus && !open) {
      checkInButton.current?.focus();
      setRefocus(false);
    }
  }, [refocus, open]);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState("");
  const withdraw = async (dep: Kr["dependencies"][number]) => {
    setError("");
    try {
      await must(api.DELETE("/api/v1/dependencies/{dependency}", { params: { path: { dependency: String(dep.id) }, header: { "If-Match": etag(dep.version) } } }));
      onCheckedIn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const days = kr.last_check_in ? daysSince(kr.last_check_in, today) : null;
  return (
    <li class="kr" data-kr={kr.key}>
      {context && <p class="muted kr-context">{context}</p>}
      <div class="kr-head">
        <span class="kr-title">{kr.title}</span>
        <span class="kr-score">
          <Score score={kr.score} />
        </span>
      </div>
      <ProgressBar score={kr.score} expected={running ? kr.expected ?? expected : undefined} label={`Progress of ${kr.title}`} />
      <div class="kr-meta muted">
        <span>
          {standing(kr)}
        </span>
        <span>{kr.owner ?? "no owner"}</span>
        <span>confidence {kr.confidence === null ? "–" : score1(kr.confidence)}</span>
        <span>{days === null ? "no check-in yet" : `checked in ${ago(days)}`}</span>
        {running && <Pace pace={kr.pace} />}
        {running && kr.pace_reason && <span class="pace-reason">{paceReason(kr)}</span>}
        {running && kr.stale && <span class="stale">stale: no check-in within the team's cadence</span>}
        {running && kr.forecast && (
          <span>
            {forecastText(kr.forecast)}
          </span>
        )}
        {kr.override && <span>overridden: {kr.override.reason}</span>}
        {kr.kpi_id !== null && <span>follows a KPI</span>}
        {kr.indicator && <span class="tag">{kr.indicator}</span>}
        {kr.driven_by_aligned && (
          <span>
            driven by {kr.aligned_objectives} aligned objective{kr.aligned_objectives === 1 ? "" : "s"}
          </span>
        )}
        {kr.dependencies.map((dep) => (
          <span data-dependency-of={dep.team ?? ""}>
            {dep.state === "confirmed" ? (
              <>needs {dep.team ?? "another team"} (confirmed)</>
            ) : (
              <span class="risk">
                risk: needs {dep.team ?? "another team"} ({dep.state})
              </span>
            )}
            {canEdit && running && (
              <button type="button" class="small" onClick={() => withdraw(dep)}>
                Withdraw<span class="sr-only"> what {kr.title} needs from {dep.team}</span>
              </button>
            )}
          </span>
        ))}
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {kr.can_check_in && !open && (
        <button type="button" class="small" ref={checkInButton} onClick={() => setOpen(true)}>
          Check in<span class="sr-only"> on {kr.title}</span>
        </button>
      )}
      {canEdit && running && team && !asking && (
        <button type="button" class="small" onClick={() => setAsking(true)}>
          Needs another team<span class="sr-only">: {kr.title}</span>
        </button>
      )}
      {asking && team && (
        <DependencyForm
          kr={kr}
          ownTeam={team}
          onCancel={() => setAsking(false)}
          onDone={() => {
            setAsking(false);
            onCheckedIn();
          }}
        />
      )}
      {open && (
        <CheckInForm
          kr={kr}
          onCancel={() => {
            setOpen(false);
            setRefocus(true);
          }}
          onDone={() => {
            setOpen(false);
            setRefocus(true);
            onCheckedIn();
          }}
        />
      )}
    </li>
  );
}

type Dependency = Schemas["Dependency"];

/** What another team's key result needs from this team; its editors confirm or decline. */
function AskedOf({ dep, canAnswer, onAnswered }: { dep: Dependency; canAnswer: boolean; onAnswered: () => void }) {
  const [error, setError] = useState("");
  const answer = async (state: "confirmed" | "declined") => {
    setError("");
    try {
      await must(
        api.PATCH("/api/v1/dependencies/{dependency}", {
          params: { path: { dependency: String(dep.id) }, header: { "If-Match": etag(dep.version) } },
          body: { state },
        }),
      );
      onAnswered();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <li data-dependency={dep.id}>
      <strong>{dep.asking_team}</strong> needs this team for <span class="kr-title">{dep.key_result}</span>
      {dep.note && <>: {dep.note}</>} <span class={dep.state === "confirmed" ? "tag" : "risk"}>{dep.state}</span>
      {dep.answer && <span class="muted"> ({dep.answer})</span>}
      {canAnswer && dep.state !== "confirmed" && (
        <button type="button" class="small" onClick={() => answer("confirmed")}>
          Confirm<span class="sr-only"> what {dep.asking_team} needs for {dep.key_result}</span>
        </button>
      )}
      {canAnswer && dep.state !== "declined" && (
        <button type="button" class="small" onClick={() => answer("declined")}>
          Decline<span class="sr-only"> what {dep.asking_team} needs for {dep.key_result}</span>
        </button>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </li>
  );
}

/** One team's page document: its objectives, key results and what the user may do. */
export function useTeamPage(cycle: string, team: string) {
  return useLoad(() => must(api.GET("/api/v1/cycles/{cycle}/teams/{team}", { params: { path: { cycle, team } } })), [cycle, team]);
}

export function TeamPage({ cycle, team }: { cycle: string; team: string }) {
  useCurrentCycle(cycle);
  const t = useTeamPage(cycle, team);
  const [filters, setFilter, clearFilters] = useFilters();
  if (t.error) return <Problem error={t.error} />;
  if (!t.data) return <Loading what="the team" />;
  const d = t.data;
  const objectives = applyFilters(d.objectives, filters);
  const running = isRunning(d.cycle);
  const { day, days } = cycleDay(d.cycle.start, d.cycle.end, d.today);
  const c = encodeURIComponent(d.cycle.name);
  const k = encodeURIComponent(d.team.key);
  return (
    <section>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={`/cycles/${c}`}>{d.cycle.name}</a> ›{" "}
        {d.path.map((t) => (
          <>
            <a href={`/cycles/${c}/teams/${encodeURIComponent(t.key)}`}>{t.name}</a> ›{" "}
          </>
        ))}
        <span aria-current="page">{d.team.name}</span>
      </nav>
      <div class="page-head">
        <h1>{d.team.name}</h1>
        <Score score={d.score} />
        <div class="actions">
          {d.can_edit && (
            <a class="button primary" href={`/cycles/${c}/teams/${k}/new`}>
              New objective
            </a>
          )}
          {d.can_grade && (
            <a class="button" href={`/cycles/${c}/teams/${k}/grading`}>
              Grade
            </a>
          )}
          <a class="button" href={`/teams/${k}/sprints`}>
            Sprints
          </a>
          <a class="button" href={`/cycles/${c}/teams/${k}/present`}>
            Present
          </a>
          <a class="button" href={`/api/v1/cycles/${c}/teams/${k}/export`} download={`${d.team.key}-${d.cycle.name}.yaml`}>
            Export YAML
          </a>
        </div>
      </div>
      <p class="muted">
        {running
          ? `Day ${day} of ${days}: the marks on the bars show where each key result should be by now, on the way to its objective's aim (1.0 committed, 0.7 aspirational).`
          : `This cycle is ${d.cycle.state}; scores are final.`}
      </p>
      {t.loading && <span class="sr-only" role="status">Updating…</span>}
      {d.objectives.length > 0 && <ScoreTrend cycle={d.cycle.name} team={d.team.key} title={`Score of ${d.team.name}`} version={d} />}
      <SubTeams cycle={d.cycle.name} team={d.team.key} />
      {d.objectives.length === 0 && <Empty>{d.team.name} has no objectives in {d.cycle.name} yet.</Empty>}
      {d.objectives.length > 0 && (
        <FilterBar page={d} filters={filters} set={setFilter} clear={clearFilters} shown={objectives.reduce((n, o) => n + o.key_results.length, 0)} />
      )}
      {d.objectives.length > 0 && objectives.length === 0 && <Empty>No key result matches these filters.</Empty>}
      {objectives.map((o) => (
        <article class="objective card" data-objective={o.key}>
          <header>
            <h2>
              <a href={`/objectives/${o.id}`}>{o.title}</a>
            </h2>
            <Score score={o.score} band={o.band} />
          </header>
          <p class="muted">
            {o.kind} · {o.owner ?? "no owner"}
            {o.aligns_to_key_result && <> · serves key result {o.aligns_to_key_result}</>}
            {running && (
              <>
                {" "}
                · <Pace pace={o.pace} />
              </>
            )}
            {o.flags.map((f) => (
              <span class="flag">{f.replace(/-/g, " ")}</span>
            ))}
          </p>
          {o.key_results.length === 0 ? (
            <Empty>No key results yet.</Empty>
          ) : (
            <ul class="krs">
              {o.key_results.map((kr) => (
                <KeyResultRow kr={kr} expected={d.expected_progress} today={d.today} running={running} onCheckedIn={t.reload} team={d.team.key} canEdit={d.can_edit} />
              ))}
            </ul>
          )}
        </article>
      ))}
      {d.contributes_to.length > 0 && (
        <section aria-labelledby="contributes-to">
          <h2 id="contributes-to">Contributing to</h2>
          <ul class="plain">
            {d.contributes_to.map((o) => (
              <li data-contributes-to={o.key}>
                <a href={`/objectives/${o.id}`}>{o.title}</a> <span class="muted">{o.team_name}</span> <Score score={o.score} band={o.band} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.asked_of.length > 0 && (
        <section aria-labelledby="asked-of">
          <h2 id="asked-of">Asked of {d.team.name}</h2>
          <ul class="plain">
            {d.asked_of.map((dep) => (
              <AskedOf dep={dep} canAnswer={d.can_edit && running} onAnswered={t.reload} />
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
