// Asking another team for what a key result needs: the team and a note. The other team
// confirms or declines on its own page; until then the dependency is a risk.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, must } from "../api/client";
import { Combobox } from "./search";
import { Field, FormActions, Problem } from "./ui";

export function DependencyForm({ kr, ownTeam, onDone, onCancel }: { kr: { key: string; title: string }; ownTeam: string; onDone: () => void; onCancel: () => void }) {
  const [team, setTeam] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (!team) throw new ApiError(422, "Invalid field", "name the team whose work is needed", "team");
      await must(api.POST("/api/v1/dependencies", { body: { key_result: kr.key, team, note: note.trim() } }));
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="checkin" onSubmit={submit} noValidate aria-label={`What ${kr.title} needs from another team`}>
      <Problem error={error && !["team", "note"].includes(error.field ?? "") ? error : null} />
      <div class="row">
        <Field label="Team whose work is needed (name or key)" name="team" error={error}>
          {(id, d) => (
            <Combobox
              id={id}
              describedBy={d}
              inputRef={first}
              kind="team"
              value={team}
              setValue={(v) => setTeam(v.trim())}
              onPick={(f) => setTeam(f.key === ownTeam ? "" : f.key)}
            />
          )}
        </Field>
      </div>
      <Field label="What is needed, and by when" name="note" error={error}>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <FormActions busy={busy} label="Ask the team" busyLabel="Asking…" onCancel={onCancel} />
    </form>
  );
}
