// One row of a key result's check-in history; its author corrects or withdraws a
// recent one (within 7 days, while the cycle is open), an administrator any.
import { useState } from "preact/hooks";
import { api, ApiError, must } from "../api/client";
import { isAdmin, session } from "../api/session";
import { formatValue, plain, score1 } from "../lib/format";
import { Confirm, Field, FormActions, Problem } from "./ui";

export interface HistoryEntry {
  id: number;
  value: number;
  confidence: number | null;
  note: string;
  author: string | null;
  author_id: number | null;
  at: string;
}

const editWindowMs = 7 * 86_400_000;

export function mayChange(x: HistoryEntry, open: boolean, now = Date.now()) {
  if (!open) return false;
  if (isAdmin()) return true;
  return x.author_id !== null && x.author_id === session.value?.user.id && now - Date.parse(x.at) <= editWindowMs;
}

function Correct({ x, metric, unit, onDone, onCancel }: { x: HistoryEntry; metric: string; unit: string; onDone: () => void; onCancel: () => void }) {
  const [value, setValue] = useState(plain(x.value));
  const [confidence, setConfidence] = useState(x.confidence === null ? "" : plain(x.confidence));
  const [note, setNote] = useState(x.note);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const v = value.trim() === "" ? NaN : Number(value);
      if (!Number.isFinite(v)) throw new ApiError(422, "Invalid field", "value must be a number", "value");
      await must(
        api.PATCH("/api/v1/check-ins/{check_in}", {
          params: { path: { check_in: String(x.id) } },
          body: { value: v, confidence: confidence.trim() === "" ? null : Number(confidence), note },
        }),
      );
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const u = metric === "percent" || metric === "milestone" ? "%" : unit;
  return (
    <form class="checkin" onSubmit={submit} noValidate aria-label={`Correct the check-in of ${x.at.slice(0, 10)}`} onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      <Problem error={error} />
      <div class="row">
        <Field label={`Value${u ? ` (${u})` : ""}`} name="value" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Confidence (0.0–1.0)" name="confidence" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={confidence} onInput={(e) => setConfidence((e.target as HTMLInputElement).value)} />}
        </Field>
      </div>
      <Field label="Note" name="note" error={error}>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <FormActions busy={busy} label="Save correction" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}

export function CheckInHistoryRow({ x, metric, unit, open, onChanged }: { x: HistoryEntry; metric: string; unit: string; open: boolean; onChanged: () => void }) {
  const [correcting, setCorrecting] = useState(false);
  const day = x.at.slice(0, 10);
  return (
    <tr data-check-in={x.id}>
      <td>{day}</td>
      <td>{formatValue(x.value, metric, unit)}</td>
      <td>{x.confidence === null ? "–" : score1(x.confidence)}</td>
      <td>{x.author ?? "–"}</td>
      <td>
        {x.note}
        {mayChange(x, open) &&
          (correcting ? (
            <Correct
              x={x}
              metric={metric}
              unit={unit}
              onCancel={() => setCorrecting(false)}
              onDone={() => {
                setCorrecting(false);
                onChanged();
              }}
            />
          ) : (
            <div class="actions">
              <button type="button" class="small" onClick={() => setCorrecting(true)}>
                Correct<span class="sr-only"> the check-in of {day}</span>
              </button>
              <Confirm
                label={`Withdraw the check-in of ${day}`}
                confirm="Withdraw"
                danger
                explain="The check-in is removed from the key result's history and its score; the audit log keeps what it said."
                run={async () => {
                  await must(api.DELETE("/api/v1/check-ins/{check_in}", { params: { path: { check_in: String(x.id) } } }));
                  onChanged();
                }}
              />
            </div>
          ))}
      </td>
    </tr>
  );
}
