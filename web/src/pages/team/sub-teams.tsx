// The teams right below this one, with their scores and key results by status: sorted
// by name, by score (lowest first) or by key results off track, 25 at a time.
import { useState } from "preact/hooks";
import { api, must, type Schemas } from "../../api/client";
import { Loading, Problem, Score } from "../../components/ui";
import { count } from "../../lib/format";
import { useLoad } from "../../lib/use-load";

type SubTeam = NonNullable<Schemas["SubTeams"]["items"]>[number];
type Sort = "name" | "score" | "off-track";

export function SubTeams({ cycle, team }: { cycle: string; team: string }) {
  const [sort, setSort] = useState<Sort>("name");
  const [shown, setShown] = useState<SubTeam[]>([]);
  const [after, setAfter] = useState<string | undefined>(undefined);
  const page = useLoad(async () => {
    const p = await must(api.GET("/api/v1/cycles/{cycle}/teams/{team}/sub-teams", { params: { path: { cycle, team }, query: { sort, limit: 25, after } } }));
    setShown((before) => (after ? [...before, ...(p.items ?? [])] : p.items ?? []));
    return p;
  }, [cycle, team, sort, after]);
  if (page.error) return <Problem error={page.error} />;
  if (!page.data) return <Loading what="the teams below" />;
  if (page.data.total === 0) return null;
  const c = encodeURIComponent(cycle);
  return (
    <section aria-labelledby="sub-teams-h" class="sub-teams">
      <div class="page-head">
        <h2 id="sub-teams-h">Teams below ({page.data.total.toLocaleString("en-GB")})</h2>
        <label class="inline">
          Sort by{" "}
          <select
            value={sort}
            onChange={(e) => {
              setAfter(undefined);
              setSort((e.target as HTMLSelectElement).value as Sort);
            }}
          >
            <option value="name">name</option>
            <option value="score">score, lowest first</option>
            <option value="off-track">key results off track</option>
          </select>
        </label>
      </div>
      <div class="table-wrap" tabIndex={0}>
        <table class="teams">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Score</th>
              <th scope="col">Objectives</th>
              <th scope="col">Key results</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr data-team={t.key}>
                <th scope="row">
                  <a href={`/cycles/${c}/teams/${encodeURIComponent(t.key)}`}>{t.name}</a>
                  {t.sub_teams > 0 && <span class="muted"> · {count(t.sub_teams, "team")} below</span>}
                </th>
                <td>
                  <Score score={t.score} />
                </td>
                <td>{t.objectives}</td>
                <td>
                  {t.on_track} on track · {t.at_risk} at risk · {t.off_track} off track
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.data.next && (
        <button type="button" onClick={() => setAfter(page.data!.next ?? undefined)}>
          Show more teams
        </button>
      )}
    </section>
  );
}
