// The sprint view: a team's sprints with their work, and which key result each
// piece of work serves. Work linked to no key result is called out.
import { api, everyPage, must, type Schemas } from "../../api/client";
import { Empty, Loading, Problem } from "../../components/ui";
import { useLoad } from "../../lib/use-load";

type Initiative = Schemas["Initiative"];

function TeamPicker() {
  const teams = useLoad(() => everyPage<Schemas["Team"]>((after) => must(api.GET("/api/v1/teams", { params: { query: { limit: 500, after } } }))), []);
  if (teams.error) return <Problem error={teams.error} />;
  if (!teams.data) return <Loading what="the teams" />;
  return (
    <section>
      <h1>Sprints</h1>
      <p>Choose a team to see its sprints and how their work connects to key results.</p>
      <ul class="plain">
        {(teams.data.items ?? []).map((t) => (
          <li>
            <a href={`/teams/${encodeURIComponent(t.key ?? "")}/sprints`}>{t.name}</a> <span class="muted">{t.function}</span>
          </li>
        ))}
      </ul>
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

function TeamSprints({ team }: { team: string }) {
  const data = useLoad(async () => {
    const t = await must(api.GET("/api/v1/teams/{team}", { params: { path: { team } } }));
    const [sprints, work] = await Promise.all([
      everyPage<Schemas["Sprint"]>((after) => must(api.GET("/api/v1/sprints", { params: { query: { team_id: t.id!, limit: 500, after } } }))),
      everyPage<Schemas["Initiative"]>((after) => must(api.GET("/api/v1/initiatives", { params: { query: { team_id: t.id!, limit: 500, after } } }))),
    ]);
    const ids = Array.from(new Set((work.items ?? []).flatMap((i) => i.key_result_ids ?? []))).slice(0, 50);
    const krs = new Map<number, string>();
    await Promise.all(
      ids.map(async (id) => {
        const k = await must(api.GET("/api/v1/key-results/{key_result}", { params: { path: { key_result: String(id) } } }));
        krs.set(id, k.title ?? k.key ?? `#${id}`);
      }),
    );
    return { t, sprints: sprints.items ?? [], work: work.items ?? [], krs };
  }, [team]);
  if (data.error) return <Problem error={data.error} />;
  if (!data.data) return <Loading what="the sprints" />;
  const { t, sprints, work, krs } = data.data;
  const done = work.filter((i) => i.status === "done");
  const linked = done.filter((i) => (i.key_result_ids ?? []).length > 0);
  return (
    <section>
      <h1>Sprints · {t.name}</h1>
      <p>
        {done.length === 0
          ? "No done work yet."
          : `${linked.length} of ${done.length} pieces of done work (${Math.round((linked.length / done.length) * 100)} %) are linked to a key result.`}
      </p>
      {[...sprints].reverse().map((s) => (
        <article class="card">
          <h2>
            {s.name} <span class="muted">{s.start} to {s.end}</span>
          </h2>
          <Work list={work.filter((i) => i.sprint_id === s.id)} krs={krs} />
        </article>
      ))}
      {work.some((i) => !i.sprint_id) && (
        <article class="card">
          <h2>Not in a sprint</h2>
          <Work list={work.filter((i) => !i.sprint_id)} krs={krs} />
        </article>
      )}
      {sprints.length === 0 && work.length === 0 && <Empty>{t.name} has no sprints or work recorded yet.</Empty>}
    </section>
  );
}
