// Cycles in the browser (administrators): create one, move it through its states,
// close it with the lock explained, reopen it, and carry chosen objectives over.
import { useState } from "preact/hooks";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { Combobox } from "../../components/search";
import { Confirm, Field, Loading, Problem } from "../../components/ui";
import { loadCycles } from "../../lib/cycles";
import { count } from "../../lib/format";
import { useLoad } from "../../lib/use-load";

type Cycle = Schemas["Cycle"];
type State = "planning" | "active" | "grading" | "closed";

const next: Record<State, { state: State; label: string; explain: string } | undefined> = {
  planning: { state: "active", label: "Start", explain: "Starting the cycle opens it for check-ins; pace and staleness count from its start date." },
  active: { state: "grading", label: "Start grading", explain: "Grading lets leads write reviews and overrides; check-ins still work until it is closed." },
  grading: {
    state: "closed",
    label: "Close",
    explain:
      "Closing locks the cycle: its grades become final, and check-ins, edits, reviews and retrospectives are refused until an administrator reopens it.",
  },
  closed: undefined,
};

function CreateCycle({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await must(api.POST("/api/v1/cycles", { body: { name: name.trim(), ...(start ? { start } : {}), ...(end ? { end } : {}), state: "planning" } }));
      setName("");
      setStart("");
      setEnd("");
      await loadCycles().catch(() => undefined);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-cycle">
      <h3 id="new-cycle">New cycle</h3>
      <Problem error={error} />
      <div class="row">
        <Field label="Name" name="name" error={error} hint="A quarter such as 2027-Q2 needs no dates.">
          {(id, d) => <input id={id} aria-describedby={d} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Starts" name="start" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="date" value={start} onInput={(e) => setStart((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Ends" name="end" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="date" value={end} onInput={(e) => setEnd((e.target as HTMLInputElement).value)} />}
        </Field>
      </div>
      <button type="submit" class="primary">
        Create cycle
      </button>
    </form>
  );
}

/** Copies chosen objectives of a graded or closed cycle into `into`, final values as new baselines. */
function CarryOver({ into, cycles, onDone }: { into: Cycle; cycles: Cycle[]; onDone: () => void }) {
  const sources = cycles.filter((c) => c.name !== into.name && (c.state === "grading" || c.state === "closed"));
  const [from, setFrom] = useState(sources[sources.length - 1]?.name ?? "");
  const [team, setTeam] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = useLoad(
    async () => (from && team.trim() ? must(api.GET("/api/v1/objectives", { params: { query: { cycle: from, team: team.trim(), limit: 100 } } })) : null),
    [from, team],
  );
  if (sources.length === 0) return <p class="muted">No graded or closed cycle to carry objectives over from.</p>;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const r = await must(api.POST("/api/v1/cycles/{cycle}/carry-over", { params: { path: { cycle: into.name! } }, body: { from, objectives: chosen } }));
      setDone(`Carried ${count(r.items.length, "objective")} over into ${into.name}.`);
      setChosen([]);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form onSubmit={submit} noValidate class="carry-over">
      <Problem error={error} />
      <div class="row">
        <Field label="From cycle" name="from" error={error}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={from} onChange={(e) => setFrom((e.target as HTMLSelectElement).value)}>
              {sources.map((c) => (
                <option value={c.name}>
                  {c.name} ({c.state})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Team (key)" name="team" hint="Type a word of its name; its objectives in that cycle are listed to choose from.">
          {(id, d) => <Combobox id={id} describedBy={d} kind="team" value={team} setValue={setTeam} onPick={(f) => setTeam(f.key)} />}
        </Field>
      </div>
      {list.error && <Problem error={list.error} />}
      {list.data && (
        <fieldset>
          <legend>Objectives to carry over</legend>
          {(list.data.items ?? []).length === 0 && <p class="muted">No objectives of {team} in {from}.</p>}
          {(list.data.items ?? []).map((o) => (
            <label class="check">
              <input
                type="checkbox"
                checked={chosen.includes(o.key!)}
                onChange={(e) => setChosen((e.target as HTMLInputElement).checked ? [...chosen, o.key!] : chosen.filter((k) => k !== o.key))}
              />{" "}
              {o.title}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={chosen.length === 0}>
        Carry {count(chosen.length, "objective")} over into {into.name}
      </button>
      {done && (
        <p role="status" class="saved">
          {done}
        </p>
      )}
    </form>
  );
}

export function Cycles() {
  const cycles = useLoad(() => must(api.GET("/api/v1/cycles", { params: { query: { limit: 500 } } })), []);
  const [carryInto, setCarryInto] = useState<string | null>(null);
  if (cycles.error) return <Problem error={cycles.error} />;
  if (!cycles.data) return <Loading what="the cycles" />;
  const list = cycles.data.items ?? [];
  const reload = async () => {
    await cycles.reload();
    await loadCycles().catch(() => undefined);
  };
  const move = (c: Cycle, state: State) => async () => {
    await must(api.POST("/api/v1/cycles/{cycle}/state", { params: { path: { cycle: c.name! } }, body: { state } }));
    await reload();
  };
  return (
    <>
      <h2>Cycles</h2>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Cycle</th>
              <th scope="col">Dates</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => {
              const step = next[c.state as State];
              return (
                <tr data-cycle={c.name}>
                  <th scope="row">
                    <a href={`/cycles/${encodeURIComponent(c.name!)}`}>{c.name}</a>
                  </th>
                  <td>
                    {c.start} to {c.end}
                  </td>
                  <td>{c.state}</td>
                  <td>
                    {step && <Confirm label={`${step.label} ${c.name}`} confirm={step.label} danger={step.state === "closed"} explain={step.explain} run={move(c, step.state)} />}
                    {c.state === "closed" && (
                      <Confirm
                        label={`Reopen ${c.name} for grading`}
                        confirm="Reopen"
                        explain="Reopening unlocks the cycle's grades for every team until it is closed again; the change is audited."
                        run={move(c, "grading")}
                      />
                    )}{" "}
                    {c.state !== "closed" && (
                      <button type="button" class="small" onClick={() => setCarryInto(carryInto === c.name ? null : c.name!)}>
                        Carry objectives over<span class="sr-only"> into {c.name}</span>
                      </button>
                    )}
                    {carryInto === c.name && <CarryOver into={c} cycles={list} onDone={reload} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CreateCycle onDone={reload} />
    </>
  );
}
