// The check-in form: value, confidence and a note, one click from any key result.
// What the API refuses is shown with the API's own message, beside its field.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, must } from "../api/client";
import { plain } from "../lib/format";
import { Field, FormActions, Problem } from "./ui";

export interface CheckInTarget {
  id: number;
  key: string;
  title: string;
  metric: string;
  unit: string;
  current: number | null;
  confidence: number | null;
}

export function CheckInForm({ kr, onDone, onCancel }: { kr: CheckInTarget; onDone: () => void; onCancel: () => void }) {
  const [value, setValue] = useState(plain(kr.current));
  const [confidence, setConfidence] = useState(kr.confidence === null ? "0.7" : String(kr.confidence));
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const low = confidence !== "" && Number(confidence) < 0.4;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { value: number; confidence?: number; note?: string } = { value: value.trim() === "" ? NaN : Number(value) };
      if (value.trim() === "" || !Number.isFinite(body.value)) {
        throw new ApiError(422, "Invalid field", "value must be a number", "value");
      }
      if (confidence.trim() !== "") body.confidence = Number(confidence);
      if (note.trim() !== "") body.note = note.trim();
      await must(api.POST("/api/v1/key-results/{key_result}/check-ins", { params: { path: { key_result: String(kr.id) } }, body }));
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const unit = kr.metric === "percent" || kr.metric === "milestone" ? "%" : kr.unit;
  return (
    <form
      class="checkin"
      onSubmit={submit}
      noValidate
      aria-label={`Check in on ${kr.title}`}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <Problem error={error && !["value", "confidence", "note"].includes(error.field ?? "") ? error : null} />
      <div class="row">
        <Field label={`New value${unit ? ` (${unit})` : ""}`} name="value" error={error}>
          {(id, d) =>
            kr.metric === "boolean" ? (
              <select id={id} aria-describedby={d} ref={first} value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
                <option value="0">not done</option>
                <option value="1">done</option>
              </select>
            ) : (
              <input id={id} aria-describedby={d} ref={first} inputMode="decimal" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
            )
          }
        </Field>
        <Field label="Confidence (0.0–1.0)" name="confidence" error={error} hint="How sure are you of reaching the target?">
          {(id, d) => (
            <input id={id} aria-describedby={d} inputMode="decimal" value={confidence} onInput={(e) => setConfidence((e.target as HTMLInputElement).value)} />
          )}
        </Field>
      </div>
      <Field label={low ? "Note: what blocks you?" : "Note"} name="note" error={error} hint={low ? "Low confidence: say what is in the way, so someone can help." : undefined}>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <FormActions busy={busy} label="Save check-in" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
