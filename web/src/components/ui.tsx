// Shared pieces of every page: score and band, pace, progress bar, problem box, fields.
import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import { bandMeaning, bandOf, bandWord, paceWord, score1 } from "../lib/format";

/** A score with its band; the band is written out, never colour alone. */
export function Score({ score, band }: { score: number | null | undefined; band?: string | null }) {
  if (score === null || score === undefined) return <span class="score muted">–</span>;
  const b = band ?? bandOf(score);
  return (
    <span class={`score band-${b}`} title={`${score1(score)}, ${bandWord[b]}: ${bandMeaning[b]}`}>
      <strong>{score1(score)}</strong> <span class="band-word">{bandWord[b]}</span>
    </span>
  );
}

/** The buttons of a small inline form: submit (disabled while busy) and cancel. */
export function FormActions({ busy, label, busyLabel, onCancel }: { busy: boolean; label: string; busyLabel: string; onCancel: () => void }) {
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function Pace({ pace }: { pace: string }) {
  return <span class={`pace pace-${pace}`}>{paceWord[pace] ?? pace}</span>;
}

/** A key result's progress: the bar is its score, the mark is where it should be by now. */
export function ProgressBar({ score, expected, label }: { score: number; expected?: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, score)) * 100);
  return (
    <div
      class="bar"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={Math.round(score * 100) / 100}
      aria-valuetext={`${score1(score)}${expected !== undefined ? `, expected ${score1(expected)} by now` : ""}`}
    >
      <div class={`bar-fill band-${bandOf(score)}`} style={{ width: `${pct}%` }} />
      {expected !== undefined && (
        <div
          class="bar-expected"
          title={`expected by now: ${score1(expected)}`}
          style={{ left: `${Math.round(Math.min(1, Math.max(0, expected)) * 100)}%` }}
        />
      )}
    </div>
  );
}

export function Problem({ error }: { error?: ApiError | null }) {
  if (!error) return null;
  return (
    <div class="problem" role="alert">
      <strong>{error.title}</strong> {error.detail !== error.title && <span>{error.detail}</span>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** A labelled form field; the server's message for this field appears under it. */
export function Field(props: {
  label: string;
  error?: ApiError | null;
  name: string;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}) {
  const id = useId();
  const mine = props.error && props.error.field === props.name ? props.error : null;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = mine ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${mine ? " field-invalid" : ""}`}>
      <label for={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.hint && (
        <small id={hintId} class="hint">
          {props.hint}
        </small>
      )}
      {mine && (
        <small id={errorId} class="field-error">
          {mine.detail}
        </small>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/**
 * A button for a write that cannot be undone from the page: it asks first, says what
 * will happen, and shows the server's refusal in place (never silently).
 */
export function Confirm(props: {
  label: string;
  confirm: string;
  explain: ComponentChildren;
  run: () => Promise<void>;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!asking)
    return (
      <button type="button" class={props.danger ? "danger" : undefined} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.run();
      setAsking(false);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="confirm" role="group" aria-label={props.label} onKeyDown={(e) => e.key === "Escape" && setAsking(false)}>
      <p>{props.explain}</p>
      <Problem error={error} />
      <button type="button" class={props.danger ? "primary danger" : "primary"} disabled={busy} onClick={go}>
        {busy ? "Working…" : props.confirm}
      </button>{" "}
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
