// The search box in every page's header: teams, people, objectives and key results,
// answered by the server as one types. A combobox: ↓ and ↑ move through what was found,
// Enter opens it, Escape closes the list, and "/" anywhere focuses the box.
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, must, type Schemas } from "../api/client";

type Found = NonNullable<Schemas["SearchResults"]["items"]>[number];

const kindWord: Record<string, string> = { team: "team", user: "person", objective: "objective", key_result: "key result" };

export function SearchBox() {
  const { route } = useLocation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [found, setFound] = useState<Found[] | null>(null);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const generation = useRef(0);

  // "/" focuses the box, unless one is typing somewhere already.
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener("keydown", key);
    return () => window.removeEventListener("keydown", key);
  }, []);

  // Asked 150 ms after the last keystroke; an answer to an older question is dropped.
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setFound(null);
      return;
    }
    const mine = ++generation.current;
    const timer = window.setTimeout(() => {
      must(api.GET("/api/v1/search", { params: { query: { q, limit: 8 } } }))
        .then((r) => {
          if (mine !== generation.current) return;
          setFound(r.items ?? []);
          setActive((r.items ?? []).length > 0 ? 0 : -1);
          setOpen(true);
        })
        .catch(() => mine === generation.current && setFound([]));
    }, 150);
    return () => window.clearTimeout(timer);
  }, [text]);

  const go = (f: Found | undefined) => {
    if (!f?.path) return;
    setOpen(false);
    setText("");
    route(f.path);
  };
  const list = found ?? [];
  const shown = open && found !== null && text.trim() !== "";
  return (
    <div class="search" role="search">
      <label for={id} class="sr-only">
        Search teams, people, objectives and key results
      </label>
      <input
        id={id}
        ref={input}
        type="search"
        placeholder="Search ( / )"
        autocomplete="off"
        role="combobox"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${id}-${active}` : undefined}
        value={text}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          setOpen(true);
        }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(list.length - 1, a + 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === "Enter") {
            e.preventDefault();
            go(list[active]);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      {shown && (
        <ul id={`${id}-list`} role="listbox" class="search-results" aria-label="Found">
          {list.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" class="muted">
              Nothing found for “{text.trim()}”
            </li>
          )}
          {list.map((f, i) => (
            <li
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? "active" : undefined}
              data-kind={f.kind}
              onMouseDown={(e) => {
                e.preventDefault();
                go(f);
              }}
            >
              <span class="search-kind">{kindWord[f.kind] ?? f.kind}</span> <strong>{f.title}</strong>{" "}
              <span class="muted">{f.kind === "user" ? f.key : f.context}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
