// The alignment tree: company → department → team objectives, collapsible, with
// scores; objectives aligned to nothing are marked and listed.
import { useEffect } from "preact/hooks";
import { api, must, type Schemas } from "../../api/client";
import { Empty, Loading, Problem, Score } from "../../components/ui";
import { currentCycle } from "../../lib/cycles";
import { useLoad } from "../../lib/use-load";

type Node = Schemas["AlignmentNode"];

function Branch({ node }: { node: Node }) {
  const children = node.children ?? [];
  const label = (
    <>
      <a href={`/objectives/${node.id}`}>{node.title}</a> <span class="muted">{node.team_name}</span> <Score score={node.score} band={node.band} />
      {node.orphan && <span class="flag">not aligned</span>}
    </>
  );
  if (children.length === 0) return <li class="leaf">{label}</li>;
  return (
    <li>
      <details open>
        <summary>
          {label} <span class="muted">({children.length} aligned)</span>
        </summary>
        <ul>
          {children.map((c) => (
            <Branch node={c} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function Alignment({ cycle }: { cycle: string }) {
  useEffect(() => void (currentCycle.value = cycle), [cycle]);
  const a = useLoad(() => must(api.GET("/api/v1/cycles/{cycle}/alignment", { params: { path: { cycle } } })), [cycle]);
  if (a.error) return <Problem error={a.error} />;
  if (!a.data) return <Loading what="the alignment tree" />;
  const roots = a.data.roots ?? [];
  const aligned = roots.filter((r) => !r.orphan);
  const orphans = roots.filter((r) => r.orphan);
  return (
    <section>
      <h1>Alignment · {cycle}</h1>
      <p class="muted">Each objective under the objective it serves. Open or close a branch with its arrow.</p>
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
