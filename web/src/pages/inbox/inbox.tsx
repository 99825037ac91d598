// The inbox: what happened that concerns me, newest first; each opens where it
// happened and is then read. Below it, which kinds I want to receive.
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { Empty, Loading, Problem } from "../../components/ui";
import { when } from "../../lib/format";
import { refreshUnread, unread } from "../../lib/inbox";

type Note = Schemas["Notification"];
type Kind = Note["kind"];

const kinds: { kind: Kind; label: string }[] = [
  { kind: "mention", label: "Someone mentions me" },
  { kind: "reply", label: "Someone replies to my comment" },
  { kind: "comment", label: "Someone comments on what I own" },
  { kind: "dependency_asked", label: "A team asks my team for something" },
  { kind: "dependency_answered", label: "A team answers what I asked of it" },
  { kind: "endpoint_disabled", label: "A webhook or chat channel I set up stops working" },
];

function sentence(n: Note): string {
  const who = n.actor ?? "Someone";
  const where = n.key_result ? `key result ${n.key_result}` : `“${n.objective_title}”`;
  switch (n.kind) {
    case "mention":
      return `${who} mentioned you on ${where}`;
    case "reply":
      return `${who} replied to your comment on ${where}`;
    case "comment":
      return `${who} commented on ${where}, which you own`;
    case "dependency_asked":
      return `${who} asked ${n.team ?? "your team"} for help with key result ${n.key_result}`;
    case "dependency_answered":
      return `${who} answered your request to ${n.team ?? "a team"} for key result ${n.key_result}`;
    case "endpoint_disabled":
      return n.excerpt;
  }
}

function Preferences() {
  const [prefs, setPrefs] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState("");
  useEffect(() => {
    must(api.GET("/api/v1/notifications/preferences"))
      .then((r) => setPrefs(r.preferences as Record<string, string>))
      .catch((e) => setError(e as ApiError));
  }, []);
  const change = async (kind: Kind, on: boolean) => {
    setError(null);
    setSaved("");
    try {
      const r = await must(api.PUT("/api/v1/notifications/preferences", { body: { preferences: { [kind]: on ? "in_app" : "none" } } }));
      setPrefs(r.preferences as Record<string, string>);
      setSaved(on ? "Turned on." : "Turned off.");
    } catch (e) {
      setError(e as ApiError);
    }
  };
  if (!prefs) return error ? <Problem error={error} /> : <Loading what="your preferences" />;
  return (
    <section aria-labelledby="prefs-h">
      <h2 id="prefs-h">What I want to hear about</h2>
      <fieldset class="preferences">
        <legend class="sr-only">Kinds of notification in my inbox</legend>
        {kinds.map((k) => (
          <label>
            <input type="checkbox" checked={prefs[k.kind] !== "none"} onChange={(e) => void change(k.kind, (e.target as HTMLInputElement).checked)} /> {k.label}
          </label>
        ))}
      </fieldset>
      <p role="status" class="muted">
        {saved}
      </p>
      <Problem error={error} />
    </section>
  );
}

export function Inbox() {
  const { route, query } = useLocation();
  const onlyUnread = query.unread === "true";
  const [items, setItems] = useState<Note[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = async (after?: string) => {
    try {
      const r = await must(api.GET("/api/v1/notifications", { params: { query: { limit: 50, after, unread: onlyUnread ? "true" : undefined } } }));
      setItems((old) => (after ? [...(old ?? []), ...r.items] : r.items));
      setNext(r.next ?? null);
      unread.value = r.unread;
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    setItems(null);
    void load();
  }, [onlyUnread]);
  const markRead = async (body: { id: number } | { all: true }) => {
    const r = await must(api.POST("/api/v1/notifications/read", { body }));
    unread.value = r.unread;
    setItems((list) => (list ?? []).map((n) => ("all" in body || n.id === body.id ? { ...n, read: true } : n)));
  };
  const open = async (n: Note) => {
    if (!n.read) await markRead({ id: n.id }).catch(() => undefined);
    route(n.link);
  };
  return (
    <section>
      <div class="page-head">
        <h1>Inbox</h1>
        <div class="actions">
          <a class="button" href={onlyUnread ? "/inbox" : "/inbox?unread=true"}>
            {onlyUnread ? "Show all" : "Only unread"}
          </a>
          <button type="button" disabled={!unread.value} onClick={() => void markRead({ all: true }).then(refreshUnread)}>
            Mark all read
          </button>
        </div>
      </div>
      <Problem error={error} />
      {!items && !error && <Loading what="your notifications" />}
      {items && items.length === 0 && <Empty>{onlyUnread ? "Nothing unread." : "Nothing yet: mentions, replies and comments on what you own will appear here."}</Empty>}
      {items && items.length > 0 && (
        <ul class="plain inbox">
          {items.map((n) => (
            <li class={n.read ? "read" : "unread"} data-kind={n.kind}>
              {!n.read && <span class="new">new</span>}{" "}
              <a
                href={n.link}
                onClick={(e) => {
                  e.preventDefault();
                  void open(n);
                }}
              >
                {sentence(n)}
              </a>
              <span class="muted"> · {when(n.at)}</span>
              {n.excerpt && <blockquote>{n.excerpt}</blockquote>}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" onClick={() => void load(next)}>
          Show older
        </button>
      )}
      <Preferences />
    </section>
  );
}
