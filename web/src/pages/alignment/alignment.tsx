// The alignment tree: company → department → team objectives, a level at a time, with
// scores; objectives aligned to nothing are marked and listed apart.
import { Empty, Loading, Problem } from "../../components/ui";
import { fetchLevel, LevelList } from "./branch";
import { useCurrentCycle } from "../../lib/cycles";
import { useLoad } from "../../lib/use-load";

export function Alignment({ cycle }: { cycle: string }) {
  useCurrentCycle(cycle);
  const top = useLoad(() => fetchLevel(cycle, { of: "top" }), [cycle]);
  const orphans = useLoad(() => fetchLevel(cycle, { of: "orphans" }), [cycle]);
  if (top.error) return <Problem error={top.error} />;
  if (!top.data) return <Loading what="the alignment tree" />;
  const unaligned = top.data.unaligned;
  return (
    <section>
      <h1>Alignment · {cycle}</h1>
      <p class="muted">Each objective under the objective it serves. Open a branch with the arrow before it to see what is aligned to it.</p>
      {top.data.total === 0 && unaligned === 0 ? (
        <Empty>No objectives in this cycle yet.</Empty>
      ) : (
        <LevelList key={`top-${cycle}`} cycle={cycle} first={top.data} which={{ of: "top" }} />
      )}
      <h2>Not aligned ({unaligned})</h2>
      {unaligned === 0 ? (
        <Empty>Every team objective aligns to an objective above it.</Empty>
      ) : (
        <>
          <p>These team objectives align to nothing above their team. Align each one, or ask whether it belongs in this cycle.</p>
          {orphans.error && <Problem error={orphans.error} />}
          {orphans.data ? <LevelList key={`orphans-${cycle}`} cycle={cycle} first={orphans.data} which={{ of: "orphans" }} /> : <Loading what="the objectives not aligned" />}
        </>
      )}
    </section>
  );
}
