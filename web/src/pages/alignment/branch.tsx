// One objective in the alignment tree, with the objectives aligned to it; a branch
// opens and closes with its own button so the link to the objective stays a link.
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { Score } from "../../components/ui";

type Node = Schemas["AlignmentNode"];

export function Branch({ node }: { node: Node }) {
  const [open, setOpen] = useState(true);
  const children = node.children ?? [];
  return (
    <li class={children.length ? "" : "leaf"}>
      {children.length > 0 && (
        <button type="button" class="toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "▾" : "▸"}
          <span class="sr-only">
            {open ? "Hide" : "Show"} the {children.length} objectives aligned to {node.title}
          </span>
        </button>
      )}
      <a href={`/objectives/${node.id}`}>{node.title}</a> <span class="muted">{node.team_name}</span> <Score score={node.score} band={node.band} />
      {node.orphan && <span class="flag">not aligned</span>}
      {children.length > 0 && <span class="muted"> ({children.length} aligned)</span>}
      {open && children.length > 0 && (
        <ul>
          {children.map((c) => (
            <Branch node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}
