// The conversation on an objective page: threads of comments on the objective, its key
// results and their check-ins, replies one level deep, @mentions completed from the
// people search, and edit or delete of one's own comments.
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { api, ApiError, etag, everyPage, must, type Schemas } from "../api/client";
import { when } from "../lib/format";
import { mentionAt } from "../lib/markdown";
import { Markdown } from "./markdown";
import { Empty, Loading, Problem } from "./ui";

type Comment = Schemas["Comment"];
type KeyResultRef = { id: number; key: string; title: string };

/** A text area that offers people to mention when one types "@" and a few letters. */
function MentionArea(props: { label: string; value: string; onInput: (v: string) => void; autofocus?: boolean }) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [people, setPeople] = useState<{ email: string; name: string }[]>([]);
  const [active, setActive] = useState(0);
  const [at, setAt] = useState<{ start: number; query: string } | null>(null);
  const generation = useRef(0);
  useEffect(() => {
    if (props.autofocus) area.current?.focus();
  }, []);
  useEffect(() => {
    if (!at || at.query.length < 1) {
      setPeople([]);
      return;
    }
    const mine = ++generation.current;
    const timer = window.setTimeout(() => {
      must(api.GET("/api/v1/search", { params: { query: { q: at.query, limit: 20 } } }))
        .then((r) => {
          if (mine !== generation.current) return;
          const found = (r.items ?? []).filter((f) => f.kind === "user").map((f) => ({ email: f.key, name: f.title }));
          setPeople(found.slice(0, 6));
          setActive(0);
        })
        .catch(() => setPeople([]));
    }, 120);
    return () => window.clearTimeout(timer);
  }, [at?.start, at?.query]);
  const pick = (p: { email: string }) => {
    const el = area.current;
    if (!el || !at) return;
    const caret = el.selectionStart ?? props.value.length;
    const next = `${props.value.slice(0, at.start)}@${p.email} ${props.value.slice(caret)}`;
    props.onInput(next);
    setAt(null);
    setPeople([]);
    const pos = at.start + p.email.length + 2;
    window.setTimeout(() => {
      el.focus();
      el.setSelectionRange(pos, pos);
    }, 0);
  };
  const open = people.length > 0 && at !== null;
  return (
    <div class="mention-area">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        ref={area}
        rows={3}
        value={props.value}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-people`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-p${active}` : undefined}
        onInput={(e) => {
          const el = e.target as HTMLTextAreaElement;
          props.onInput(el.value);
          setAt(mentionAt(el.value, el.selectionStart ?? el.value.length));
        }}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(people.length - 1, a + 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === "Enter" || e.key === "Tab") {
            e.preventDefault();
            pick(people[active]);
          } else if (e.key === "Escape") {
            setAt(null);
          }
        }}
        onBlur={() => window.setTimeout(() => setAt(null), 150)}
      />
      <p class="hint muted">
        **bold**, *italic*, `code`, [link](https://…), "- " lists; type @ and a name to mention someone.
      </p>
      {open && (
        <ul id={`${id}-people`} role="listbox" class="search-results mention-list" aria-label="People to mention">
          {people.map((p, i) => (
            <li
              id={`${id}-p${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
            >
              <strong>{p.name || p.email}</strong> <span class="muted">{p.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CommentForm(props: {
  label: string;
  submit: string;
  initial?: string;
  autofocus?: boolean;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
  children?: preact.ComponentChildren;
}) {
  const [body, setBody] = useState(props.initial ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const send = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(body);
      setBody("");
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="comment-form" onSubmit={send} noValidate>
      {props.children}
      <MentionArea label={props.label} value={body} onInput={setBody} autofocus={props.autofocus} />
      <Problem error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || body.trim() === ""}>
          {busy ? "Sending…" : props.submit}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function CommentItem(props: { c: Comment; about: string | null; onReply?: () => void; onChanged: () => void }) {
  const { c } = props;
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const who = c.author ? c.author.name || c.author.email : "Someone";
  const remove = async () => {
    if (!window.confirm("Delete this comment? Its replies stay.")) return;
    try {
      await must(api.DELETE("/api/v1/comments/{comment}", { params: { path: { comment: String(c.id) }, header: { "If-Match": etag(c.version) } } }));
      props.onChanged();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <article class="comment" id={`comment-${c.id}`} aria-label={`Comment by ${who}`}>
      <header>
        <strong>{who}</strong> <span class="muted">{when(c.created_at)}</span>
        {c.edited_at && <span class="muted"> · edited</span>}
        {props.about && <span class="comment-about"> · on {props.about}</span>}
      </header>
      {c.deleted ? (
        <p class="muted">This comment was deleted.</p>
      ) : editing ? (
        <CommentForm
          label="Edit your comment"
          submit="Save"
          initial={c.body}
          autofocus
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            await must(api.PATCH("/api/v1/comments/{comment}", { params: { path: { comment: String(c.id) }, header: { "If-Match": etag(c.version) } }, body: { body } }));
            setEditing(false);
            props.onChanged();
          }}
        />
      ) : (
        <Markdown body={c.body} mentions={c.mentions} />
      )}
      <Problem error={error} />
      {!editing && !c.deleted && (
        <div class="actions comment-actions">
          {props.onReply && (
            <button type="button" class="link" onClick={props.onReply}>
              Reply
            </button>
          )}
          {c.editable && (
            <>
              <button type="button" class="link" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" class="link" onClick={remove}>
                Delete
              </button>
            </>
          )}
        </div>
      )}
    </article>
  );
}

export function CommentThread({ objective, keyResults }: { objective: number; keyResults: KeyResultRef[] }) {
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [replyTo, setReplyTo] = useState<number | null>(null);
  const [about, setAbout] = useState("objective");
  const load = async () => {
    try {
      const r = await everyPage<Comment>((after) =>
        must(api.GET("/api/v1/objectives/{objective}/comments", { params: { path: { objective: String(objective) }, query: { limit: 500, after } } })),
      );
      setComments(r.items);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  useEffect(() => {
    void load();
  }, [objective]);
  useEffect(() => {
    // A link to one comment (from the inbox) scrolls to it once it is on the page.
    const hash = location.hash;
    if (comments && hash.startsWith("#comment-")) document.getElementById(hash.slice(1))?.scrollIntoView({ block: "center" });
  }, [comments !== null]);
  const krKey = new Map(keyResults.map((k) => [k.id, k]));
  const aboutOf = (c: Comment) => {
    if (c.subject === "objective") return null;
    const kr = c.key_result_id !== null ? krKey.get(c.key_result_id) : undefined;
    const name = kr ? kr.title : (c.key_result ?? "a key result");
    return c.subject === "check_in" ? `a check-in of “${name}”` : `“${name}”`;
  };
  const post = async (body: string, replying?: Comment) => {
    let created: Comment;
    const subject = replying ? replying.subject : about === "objective" ? "objective" : "key_result";
    if (replying && replying.check_in_id !== null)
      created = await must(api.POST("/api/v1/check-ins/{check_in}/comments", { params: { path: { check_in: String(replying.check_in_id) } }, body: { body, reply_to: replying.id } }));
    else if (subject === "key_result") {
      const kr = replying ? replying.key_result_id! : Number(about);
      created = await must(api.POST("/api/v1/key-results/{key_result}/comments", { params: { path: { key_result: String(kr) } }, body: replying ? { body, reply_to: replying.id } : { body } }));
    } else created = await must(api.POST("/api/v1/objectives/{objective}/comments", { params: { path: { objective: String(objective) } }, body: replying ? { body, reply_to: replying.id } : { body } }));
    setComments((list) => [...(list ?? []), created]);
    setReplyTo(null);
  };
  if (error) return <Problem error={error} />;
  if (!comments) return <Loading what="the conversation" />;
  const threads = comments.filter((c) => c.parent_id === null);
  return (
    <section class="conversation" aria-labelledby="conversation-h">
      <h2 id="conversation-h">Conversation</h2>
      {threads.length === 0 && <Empty>No comments yet. Ask why a number moved, or tell the owner what you saw.</Empty>}
      {threads.map((t) => (
        <div class="thread">
          <CommentItem c={t} about={aboutOf(t)} onReply={() => setReplyTo(t.id)} onChanged={() => void load()} />
          <div class="replies">
            {comments
              .filter((r) => r.parent_id === t.id)
              .map((r) => (
                <CommentItem c={r} about={null} onReply={() => setReplyTo(t.id)} onChanged={() => void load()} />
              ))}
            {replyTo === t.id && (
              <CommentForm label="Your reply" submit="Reply" autofocus onCancel={() => setReplyTo(null)} onSubmit={(body) => post(body, t)} />
            )}
          </div>
        </div>
      ))}
      <CommentForm label="Add a comment" submit="Comment" onSubmit={(body) => post(body)}>
        {keyResults.length > 0 && (
          <label class="comment-subject">
            <span>About</span>
            <select value={about} onChange={(e) => setAbout((e.target as HTMLSelectElement).value)}>
              <option value="objective">the objective</option>
              {keyResults.map((k) => (
                <option value={String(k.id)}>{k.title}</option>
              ))}
            </select>
          </label>
        )}
      </CommentForm>
    </section>
  );
}
