// A team's or the company's score week by week, beside the score expected by then.
import { api, must } from "../api/client";
import { useLoad } from "../lib/use-load";
import { TrendChart } from "./chart";

/** Loads the trend (again whenever `version` changes) and shows it once it has two weeks. */
export function ScoreTrend(props: { cycle: string; team?: string; title: string; version?: unknown }) {
  const { cycle, team } = props;
  const t = useLoad(
    () => must(api.GET("/api/v1/cycles/{cycle}/trend", { params: { path: { cycle }, query: team ? { team } : {} } })),
    [cycle, team, props.version],
  );
  const points = t.data?.points ?? [];
  if (points.length < 2) return null;
  return (
    <section class="trend-section" aria-labelledby="trend-h">
      <h2 id="trend-h">Score week by week</h2>
      <TrendChart title={props.title} points={points} />
    </section>
  );
}
