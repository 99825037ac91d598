// The alignment tree a level at a time: each branch asks the server for the
// objectives aligned to it when it is opened, 50 at a time, so a tree of tens of
// thousands of objectives shows only what is opened. The link to the objective stays
// a link; the branch opens and closes with its own button.
import { useState } from "preact/hooks";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { Problem, Score } from "../../components/ui";

type Level = Schemas["AlignmentLevel"];
type Node = Level["items"][number];
export type Which = { parent: number } | { of: "top" | "orphans" };

export async function fetchLevel(cycle: string, which: Which, after?: string): Promise<Level> {
  const query = "parent" in which ? { parent: String(which.parent), after } : { of: which.of, after };
  return must(api.GET("/api/v1/cycles/{cycle}/alignment/level", { params: { path: { cycle }, query: { ...query, limit: 50 } } }));
}

/** A level's objectives, with "Show more" while the server has more. */
export function LevelList({ cycle, first, which }: { cycle: string; first: Level; which: Which }) {
  const [items, setItems] = useState(first.items);
  const [next, setNext] = useState(first.next);
  const [error, setError] = useState<ApiError | null>(null);
  const more = async () => {
    try {
      const page = await fetchLevel(cycle, which, next ?? undefined);
      setItems([...items, ...page.items]);
      setNext(page.next);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <>
      <ul class="tree">
        {items.map((n) => (
          <Branch cycle={cycle} node={n} />
        ))}
      </ul>
      <Problem error={error} />
      {next && (
        <button type="button" class="link show-more" onClick={() => void more()}>
          Show more ({first.total - items.length} left)
        </button>
      )}
    </>
  );
}

export function Branch({ cycle, node }: { cycle: string; node: Node }) {
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState<Level | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const toggle = async () => {
    if (open) return setOpen(false);
    setOpen(true);
    if (level) return;
    try {
      setLevel(await fetchLevel(cycle, { parent: node.id }));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <li class={node.children ? "" : "leaf"} data-objective={node.key}>
      {node.children > 0 && (
        <button type="button" class="toggle" aria-expanded={open} onClick={() => void toggle()}>
          {open ? "▾" : "▸"}
          <span class="sr-only">
            {open ? "Hide" : "Show"} the {node.children} objectives aligned to {node.title}
          </span>
        </button>
      )}
      <a href={`/objectives/${node.id}`}>{node.title}</a> <span class="muted">{node.team_name}</span> <Score score={node.score} band={node.band} />
      {node.orphan && <span class="flag">not aligned</span>}
      {node.children > 0 && <span class="muted"> ({node.children} aligned)</span>}
      {open && <Problem error={error} />}
      {open && level && <LevelList cycle={cycle} first={level} which={{ parent: node.id }} />}
      {open && !level && !error && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
    </li>
  );
}
