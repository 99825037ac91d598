// Finding things by typing, answered by the server's search as one types: the search
// box in every page's header, and the pickers of a team or a person (never a select of
// 10,000 options). A combobox: ↓ and ↑ move through what was found, Enter picks it,
// Escape closes the list; "/" anywhere focuses the header's box.
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, must, type Schemas } from "../api/client";

export type Found = NonNullable<Schemas["SearchResults"]["items"]>[number];
type Kind = Found["kind"];

const kindWord: Record<string, string> = { team: "team", user: "person", objective: "objective", key_result: "key result" };

/** A text field that suggests what the search finds for its text; `onPick` gets the one chosen. */
export function Combobox(props: {
  id?: string;
  value: string;
  setValue: (text: string) => void;
  onPick: (f: Found) => void;
  kind?: Kind;
  placeholder?: string;
  describedBy?: string;
  inputRef?: { current: HTMLInputElement | null };
  type?: string;
  label?: string; // an accessible name, when no <label for> names the field
}) {
  const own = useId();
  const id = props.id ?? own;
  const [found, setFound] = useState<Found[] | null>(null);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const generation = useRef(0);
  const text = props.value;

  // Asked 150 ms after the last keystroke; an answer to an older question is dropped.
  useEffect(() => {
    const q = text.trim();
    if (!q || !open) {
      setFound(null);
      return;
    }
    const mine = ++generation.current;
    const timer = window.setTimeout(() => {
      must(api.GET("/api/v1/search", { params: { query: { q, limit: 8, ...(props.kind ? { kind: props.kind } : {}) } } }))
        .then((r) => {
          if (mine !== generation.current) return;
          setFound(r.items ?? []);
          setActive((r.items ?? []).length > 0 ? 0 : -1);
        })
        .catch(() => mine === generation.current && setFound([]));
    }, 150);
    return () => window.clearTimeout(timer);
  }, [text, open, props.kind]);

  const pick = (f: Found | undefined) => {
    if (!f) return;
    setOpen(false);
    props.onPick(f);
  };
  const list = found ?? [];
  const shown = open && found !== null && text.trim() !== "";
  return (
    <span class="combobox">
      <input
        id={id}
        ref={props.inputRef}
        type={props.type ?? "text"}
        placeholder={props.placeholder}
        autocomplete="off"
        role="combobox"
        aria-label={props.label}
        aria-describedby={props.describedBy}
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${id}-${active}` : undefined}
        value={text}
        onInput={(e) => {
          props.setValue((e.target as HTMLInputElement).value);
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
          } else if (e.key === "Enter" && shown && active >= 0) {
            e.preventDefault();
            pick(list[active]);
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
                pick(f);
              }}
            >
              {!props.kind && <span class="search-kind">{kindWord[f.kind] ?? f.kind}</span>} <strong>{f.title}</strong>{" "}
              <span class="muted">{f.kind === "user" || props.kind ? f.key : f.context}</span>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

/** The header's search: picking something opens its page. */
export function SearchBox() {
  const { route } = useLocation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");

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

  return (
    <div class="search" role="search">
      <label for={id} class="sr-only">
        Search teams, people, objectives and key results
      </label>
      <Combobox
        id={id}
        inputRef={input}
        type="search"
        placeholder="Search ( / )"
        value={text}
        setValue={setText}
        onPick={(f) => {
          if (!f.path) return;
          setText("");
          route(f.path);
        }}
      />
    </div>
  );
}
