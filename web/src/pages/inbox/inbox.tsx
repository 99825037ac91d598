// The inbox: what happened that concerns me, newest first; each opens where it
// happened and is then read. Below it, where each kind goes (inbox, e-mail, both, off)
// and when e-mail may reach me.
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { Empty, Loading, Problem } from "../../components/ui";
import { when } from "../../lib/format";
import { askingUnread, refreshUnread, setUnread, unread } from "../../lib/inbox";

type Note = Schemas["Notification"];
type Kind = Note["kind"];

const kinds: { kind: Kind; label: string }[] = [
  { kind: "mention", label: "Someone mentions me" },
  { kind: "reply", label: "Someone replies to my comment" },
  { kind: "comment", label: "Someone comments on what I own" },
  { kind: "dependency_asked", label: "A team asks my team for something" },
  { kind: "dependency_answered", label: "A team answers what I asked of it" },
  { kind: "endpoint_disabled", label: "A webhook or chat channel I set up stops working" },
  { kind: "check_in_due", label: "Key results I own are due a check-in" },
  { kind: "off_track", label: "A key result I own goes off track" },
  { kind: "grading_opened", label: "Grading opens for objectives I own" },
];

const channels: { value: string; label: string }[] = [
  { value: "in_app", label: "Inbox" },
  { value: "email", label: "E-mail" },
  { value: "both", label: "Inbox and e-mail" },
  { value: "none", label: "Off" },
];

type Email = Schemas["EmailSettings"];

// Every IANA zone the browser knows, when it can say.
function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf("timeZone") : [];
  } catch {
    return [];
  }
}

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
    case "check_in_due":
      return "Key results you own are due a check-in";
    case "off_track":
      return `Key result ${n.key_result} went off track`;
    case "grading_opened":
      return "Grading is open: score your objectives";
  }
}

// Time zone, quiet hours and the weekly digest: when e-mail may reach me.
function EmailSettings() {
  const [s, setS] = useState<Email | null>(null);
  const [zone, setZone] = useState("");
  const [quiet, setQuiet] = useState(false);
  const [from, setFrom] = useState("20:00");
  const [to, setTo] = useState("08:00");
  const [digest, setDigest] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState("");
  const show = (r: Email) => {
    setS(r);
    setZone(r.time_zone);
    setQuiet(!!r.quiet_hours);
    if (r.quiet_hours) {
      setFrom(r.quiet_hours.from);
      setTo(r.quiet_hours.to);
    }
    setDigest(r.weekly_digest);
  };
  useEffect(() => {
    must(api.GET("/api/v1/notifications/email"))
      .then(show)
      .catch((e) => setError(e as ApiError));
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved("");
    try {
      const r = await must(api.PUT("/api/v1/notifications/email", { body: { time_zone: zone.trim(), quiet_hours: quiet ? { from, to } : null, weekly_digest: digest } }));
      show(r);
      setSaved("Saved.");
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (!s) return error ? <Problem error={error} /> : <Loading what="your e-mail settings" />;
  const zones = timeZones();
  return (
    <form class="email-settings" onSubmit={save} aria-labelledby="email-h">
      <h3 id="email-h">E-mail</h3>
      {!s.available && <p class="muted">The organisation has not set up e-mail yet: an administrator turns it on with okr mail set. Your choices are kept for then.</p>}
      <label>
        Time zone
        <input type="text" value={zone} list="time-zones" autocomplete="off" onInput={(e) => setZone((e.target as HTMLInputElement).value)} />
        <datalist id="time-zones">
          {zones.map((z) => (
            <option value={z} />
          ))}
        </datalist>
      </label>
      <label>
        <input type="checkbox" checked={quiet} onChange={(e) => setQuiet((e.target as HTMLInputElement).checked)} /> Quiet hours: no e-mail between
      </label>
      <span class="quiet-hours">
        <input type="time" aria-label="Quiet hours start" value={from} disabled={!quiet} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /> and{" "}
        <input type="time" aria-label="Quiet hours end" value={to} disabled={!quiet} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
      </span>
      <label>
        <input type="checkbox" checked={digest} onChange={(e) => setDigest((e.target as HTMLInputElement).checked)} /> A weekly digest on Monday morning: what moved, what is off track, what is stale
      </label>
      <button type="submit">Save e-mail settings</button>
      <p role="status" class="muted">
        {saved}
      </p>
      <Problem error={error} />
    </form>
  );
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
  const change = async (kind: Kind, channel: string) => {
    setError(null);
    setSaved("");
    try {
      const r = await must(api.PUT("/api/v1/notifications/preferences", { body: { preferences: { [kind]: channel as "in_app" } } }));
      setPrefs(r.preferences as Record<string, string>);
      setSaved(`${kinds.find((k) => k.kind === kind)?.label}: ${channels.find((c) => c.value === channel)?.label.toLowerCase()}.`);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  if (!prefs) return error ? <Problem error={error} /> : <Loading what="your preferences" />;
  return (
    <section aria-labelledby="prefs-h">
      <h2 id="prefs-h">What I want to hear about</h2>
      <fieldset class="preferences">
        <legend class="sr-only">Where each kind of notification goes</legend>
        {kinds.map((k) => (
          <label class="channel">
            <span>{k.label}</span>
            <select value={prefs[k.kind] ?? "in_app"} onChange={(e) => void change(k.kind, (e.target as HTMLSelectElement).value)}>
              {channels.map((c) => (
                <option value={c.value}>{c.label}</option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <p role="status" class="muted">
        {saved}
      </p>
      <Problem error={error} />
      <EmailSettings />
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
    const answer = askingUnread();
    try {
      const r = await must(api.GET("/api/v1/notifications", { params: { query: { limit: 50, after, unread: onlyUnread ? "true" : undefined } } }));
      setItems((old) => (after ? [...(old ?? []), ...r.items] : r.items));
      setNext(r.next ?? null);
      answer(r.unread);
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
    setUnread(r.unread);
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
