// Outgoing webhooks for administrators: added here with the events each receives (the
// signing secret is shown once, right after), removed, and each one's delivery log with
// the response codes and a button to send a delivery again.
import { useState } from "preact/hooks";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { Empty, Field, Loading, Problem } from "../../components/ui";
import { when } from "../../lib/format";
import { useLoad } from "../../lib/use-load";

type Webhook = Schemas["Webhook"];
type EventType = Webhook["events"][number];

const eventTypes: { type: EventType; label: string }[] = [
  { type: "check_in.created", label: "A check-in is recorded" },
  { type: "check_in.updated", label: "A check-in is corrected" },
  { type: "check_in.deleted", label: "A check-in is withdrawn" },
  { type: "key_result.status_changed", label: "A key result's status changes" },
  { type: "objective.created", label: "An objective is created" },
  { type: "objective.updated", label: "An objective is changed" },
  { type: "objective.deleted", label: "An objective is deleted" },
  { type: "cycle.state_changed", label: "A cycle changes state" },
  { type: "comment.created", label: "Someone comments" },
];

function Deliveries({ webhook }: { webhook: Webhook }) {
  const log = useLoad(
    () => must(api.GET("/api/v1/webhooks/{webhook}/deliveries", { params: { path: { webhook: webhook.id }, query: { limit: 50 } } })),
    [webhook.id],
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState("");
  const redeliver = async (delivery: number) => {
    setError(null);
    setStatus("");
    try {
      const d = await must(
        api.POST("/api/v1/webhooks/{webhook}/deliveries/{delivery}/redeliver", { params: { path: { webhook: webhook.id, delivery } } }),
      );
      setStatus(`Delivery ${delivery} queued again as ${d.id}.`);
      await log.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (log.error) return <Problem error={log.error} />;
  if (!log.data) return <Loading what="the delivery log" />;
  return (
    <section aria-label={`Deliveries of webhook ${webhook.id}`}>
      <Problem error={error} />
      {status && (
        <p class="note" role="status">
          {status}
        </p>
      )}
      {log.data.items.length === 0 ? (
        <Empty>No deliveries yet: events this webhook subscribes to appear here.</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Response</th>
                <th scope="col">Written</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((d) => (
                <tr>
                  <td>
                    {d.event}
                    <div class="muted small">{d.event_id}</div>
                  </td>
                  <td>{d.state}</td>
                  <td>{d.attempts}</td>
                  <td>
                    {d.response_code ?? "none"}
                    {d.error && <div class="muted small">{d.error}</div>}
                  </td>
                  <td>{when(d.created_at)}</td>
                  <td>
                    <button type="button" class="small" onClick={() => redeliver(d.id)}>
                      Redeliver<span class="sr-only"> delivery {d.id}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Webhooks() {
  const hooks = useLoad(() => must(api.GET("/api/v1/webhooks")), []);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<EventType[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const toggle = (t: EventType, on: boolean) => setEvents(on ? [...events, t] : events.filter((e) => e !== t));
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSecret(null);
    try {
      const w = await must(api.POST("/api/v1/webhooks", { body: { url, events, description } }));
      setSecret(w.secret);
      setUrl("");
      setDescription("");
      setEvents([]);
      await hooks.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const remove = async (id: number) => {
    setError(null);
    try {
      await must(api.DELETE("/api/v1/webhooks/{webhook}", { params: { path: { webhook: id } } }));
      if (open === id) setOpen(null);
      await hooks.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <>
      <h2>Webhooks</h2>
      <p class="muted">
        Signed JSON events for other systems, retried for a day; a webhook that keeps failing is disabled and you are told in your inbox.
        How to verify the signature: docs/notifications.md.
      </p>
      {hooks.error && <Problem error={hooks.error} />}
      {!hooks.data && !hooks.error && <Loading what="the webhooks" />}
      {hooks.data && hooks.data.items.length === 0 && <Empty>No webhooks yet.</Empty>}
      {hooks.data && hooks.data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {hooks.data.items.map((w) => (
                <tr>
                  <td>
                    {w.url}
                    {w.description && <div class="muted small">{w.description}</div>}
                  </td>
                  <td>{w.events.join(", ")}</td>
                  <td>{w.enabled ? "enabled" : `disabled: ${w.disabled_reason ?? ""}`}</td>
                  <td>
                    <button type="button" class="small" aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? null : w.id)}>
                      Deliveries<span class="sr-only"> of {w.url}</span>
                    </button>{" "}
                    <button type="button" class="small" onClick={() => remove(w.id)}>
                      Remove<span class="sr-only"> {w.url}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open !== null && hooks.data?.items.find((w) => w.id === open) && <Deliveries webhook={hooks.data.items.find((w) => w.id === open)!} />}
      <h3>Add a webhook</h3>
      <form onSubmit={add} noValidate>
        <Problem error={error && error.field !== "url" && error.field !== "events" && error.field !== "description" ? error : null} />
        <Field label="URL (https)" name="url" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="url" value={url} autocomplete="off" onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Description (optional)" name="description" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="text" value={description} onInput={(e) => setDescription((e.target as HTMLInputElement).value)} />}
        </Field>
        <fieldset>
          <legend>Events</legend>
          {error?.field === "events" && <p class="error">{error.detail}</p>}
          {eventTypes.map(({ type, label }) => (
            <label class="check">
              <input type="checkbox" checked={events.includes(type)} onChange={(e) => toggle(type, (e.target as HTMLInputElement).checked)} /> {label}{" "}
              <code>{type}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary">Add webhook</button>
      </form>
      {secret && (
        <p class="note" role="status">
          Added. Its signing secret, shown this once: <code>{secret}</code>
        </p>
      )}
    </>
  );
}
