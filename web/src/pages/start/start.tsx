// An empty database: how to start, and the first cycle.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, must } from "../../api/client";
import { isAdmin } from "../../api/session";
import { Field, Problem } from "../../components/ui";
import { currentCycle, loadCycles } from "../../lib/cycles";

function quarterOf(d: Date) {
  const q = Math.floor(d.getUTCMonth() / 3);
  const y = d.getUTCFullYear();
  const start = new Date(Date.UTC(y, q * 3, 1));
  const end = new Date(Date.UTC(y, q * 3 + 3, 0));
  return { name: `${y}-Q${q + 1}`, start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

export function FirstRun() {
  const { route } = useLocation();
  const q = quarterOf(new Date());
  const [name, setName] = useState(q.name);
  const [start, setStart] = useState(q.start);
  const [end, setEnd] = useState(q.end);
  const [error, setError] = useState<ApiError | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const c = await must(api.POST("/api/v1/cycles", { body: { name, start, end, state: "active" } }));
      await loadCycles();
      currentCycle.value = c.name;
      route(`/cycles/${encodeURIComponent(c.name ?? name)}`);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section class="first-run">
      <h1>Welcome to okr</h1>
      <p>This database holds no cycle yet. Start in one of three ways:</p>
      <ol class="steps">
        <li>
          <h2>Create a cycle</h2>
          {isAdmin() ? (
            <form onSubmit={create} noValidate class="inline-form">
              <Problem error={error} />
              <Field label="Name" name="name" error={error} hint="A quarter name such as 2027-Q1">
                {(id, d) => <input id={id} aria-describedby={d} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
              </Field>
              <Field label="Starts" name="start" error={error}>
                {(id, d) => <input id={id} aria-describedby={d} type="date" value={start} onInput={(e) => setStart((e.target as HTMLInputElement).value)} />}
              </Field>
              <Field label="Ends" name="end" error={error}>
                {(id, d) => <input id={id} aria-describedby={d} type="date" value={end} onInput={(e) => setEnd((e.target as HTMLInputElement).value)} />}
              </Field>
              <button type="submit" class="primary">Create cycle</button>
            </form>
          ) : (
            <p>Ask an administrator to create the first cycle.</p>
          )}
        </li>
        <li>
          <h2>Import your OKRs from a YAML file</h2>
          <p>Keep each cycle's OKRs in git and import them; the import is idempotent by key:</p>
          <pre><code>okr import okrs.yaml</code></pre>
          <p>
            The format is in <code>docs/okr-file-format.md</code>; <code>okr lint okrs.yaml</code> coaches the file first.
          </p>
        </li>
        <li>
          <h2>Explore the demo</h2>
          <p>A realistic organisation with a graded quarter and one in progress, in a database of its own:</p>
          <pre><code>okr --db demo.db demo && okr --db demo.db serve</code></pre>
        </li>
      </ol>
    </section>
  );
}
