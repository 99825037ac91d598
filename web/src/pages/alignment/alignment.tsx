// The alignment tree: company → department → team objectives, collapsible, with
// scores; objectives aligned to nothing are marked and listed.
import { api, must } from "../../api/client";
import { Empty, Loading, Problem } from "../../components/ui";
import { Branch } from "./branch";
import { useCurrentCycle } from "../../lib/cycles";
import { useLoad } from "../../lib/use-load";

export function Alignment({ cycle }: { cycle: string }) {
  useCurrentCycle(cycle);
  const a = useLoad(() => must(api.GET("/api/v1/cycles/{cycle}/alignment", { params: { path: { cycle } } })), [cycle]);
  if (a.error) return <Problem error={a.error} />;
  if (!a.data) return <Loading what="the alignment tree" />;
  const roots = a.data.roots ?? [];
  const aligned = roots.filter((r) => !r.orphan);
  const orphans = roots.filter((r) => r.orphan);
  return (
    <section>
      <h1>Alignment · {cycle}</h1>
      <p class="muted">Each objective under the objective it serves. Open or close a branch with the arrow before it.</p>
      {roots.length === 0 ? (
        <Empty>No objectives in this cycle yet.</Empty>
      ) : (
        <ul class="tree">
          {aligned.map((r) => (
            <Branch node={r} />
          ))}
        </ul>
      )}
      <h2>Not aligned ({a.data.unaligned})</h2>
      {orphans.length === 0 ? (
        <Empty>Every team objective aligns to an objective above it.</Empty>
      ) : (
        <>
          <p>These team objectives align to nothing above their team. Align each one, or ask whether it belongs in this cycle.</p>
          <ul class="tree">
            {orphans.map((r) => (
              <Branch node={r} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
