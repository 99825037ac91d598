// The KPI board: health signals beside the OKRs, each with its latest measurement,
// its healthy and warning ranges, and its history.
import { useState } from "preact/hooks";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { isAdmin, session } from "../../api/session";
import { SeriesChart } from "../../components/chart";
import { Empty, Field, FormActions, Loading, Problem } from "../../components/ui";
import { formatValue } from "../../lib/format";
import { useLoad } from "../../lib/use-load";

type Kpi = Schemas["Kpi"];

const range = (lo?: number | null, hi?: number | null) =>
  lo === null || lo === undefined ? (hi === null || hi === undefined ? "–" : `up to ${hi}`) : hi === null || hi === undefined ? `from ${lo}` : `${lo} to ${hi}`;

/** Who may record a measurement: an administrator, or a lead or member of the KPI's team (the server decides). */
function mayMeasure(kpi: Kpi) {
  if (isAdmin()) return true;
  if (!kpi.team_id) return false;
  return (session.value?.roles ?? []).some((r) => r.team_id === kpi.team_id && r.role !== "viewer");
}

function MeasureForm({ kpi, onDone, onCancel }: { kpi: Kpi; onDone: () => void; onCancel: () => void }) {
  const [value, setValue] = useState("");
  const [day, setDay] = useState("");
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
        api.POST("/api/v1/kpis/{kpi}/measurements", {
          params: { path: { kpi: String(kpi.id) } },
          body: { value: v, ...(day ? { at: `${day}T12:00:00Z` } : {}) },
        }),
      );
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="checkin" onSubmit={submit} noValidate aria-label={`Record a value of ${kpi.name}`} onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      <Problem error={error} />
      <div class="row">
        <Field label={`Value${kpi.unit ? ` (${kpi.unit})` : ""}`} name="value" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Measured on (default today)" name="at" error={error}>
          {(id, d) => <input id={id} aria-describedby={d} type="date" value={day} onInput={(e) => setDay((e.target as HTMLInputElement).value)} />}
        </Field>
      </div>
      <FormActions busy={busy} label="Record value" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}

function KpiCard({ kpi, onChanged }: { kpi: Kpi; onChanged: () => void }) {
  const [measuring, setMeasuring] = useState(false);
  // The board's one request brought each KPI's latest measurements.
  const list = kpi.series ?? [];
  const latest = list[list.length - 1];
  return (
    <article class="card kpi" data-kpi={kpi.key}>
      <header>
        <h2>{kpi.name}</h2>
        <span class="big">{latest ? formatValue(latest.value, "number", kpi.unit) : "–"}</span>
      </header>
      <p class="muted">
        {kpi.team_id ? kpi.team_name ?? "a team" : "company"} · healthy {range(kpi.healthy_low, kpi.healthy_high)} · warning{" "}
        {range(kpi.warning_low, kpi.warning_high)}
        {latest && ` · measured ${latest.at?.slice(0, 10)}`}
      </p>
      {mayMeasure(kpi) &&
        (measuring ? (
          <MeasureForm
            kpi={kpi}
            onCancel={() => setMeasuring(false)}
            onDone={() => {
              setMeasuring(false);
              onChanged();
            }}
          />
        ) : (
          <button type="button" class="small" onClick={() => setMeasuring(true)}>
            Record a value<span class="sr-only"> of {kpi.name}</span>
          </button>
        ))}
      {list.length > 0 && (
        <SeriesChart title={kpi.name ?? ""} unit={kpi.unit ?? ""} low={kpi.healthy_low} high={kpi.healthy_high} points={list.map((x) => ({ at: x.at, value: x.value }))} />
      )}
    </article>
  );
}

/** A page of the board at a time, each KPI with its latest 30 measurements, in one request. */
export function Kpis() {
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const after = pages[pages.length - 1];
  const kpis = useLoad(() => must(api.GET("/api/v1/kpis", { params: { query: { limit: 24, after, series: 30 } } })), [after]);
  if (kpis.error) return <Problem error={kpis.error} />;
  if (!kpis.data) return <Loading what="the KPIs" />;
  const list = kpis.data.items ?? [];
  return (
    <section>
      <h1>KPIs</h1>
      <p class="muted">Constant health signals, not goals for the quarter: a KPI in its healthy range needs no objective; one that leaves it may deserve one.</p>
      {list.length === 0 ? (
        <Empty>No KPIs yet. Add them through the API (POST /api/v1/kpis).</Empty>
      ) : (
        <div class="grid">
          {list.map((k) => (
            <KpiCard kpi={k} onChanged={() => void kpis.reload()} />
          ))}
        </div>
      )}
      <div class="actions">
        {pages.length > 1 && (
          <button type="button" onClick={() => setPages(pages.slice(0, -1))}>
            Previous KPIs
          </button>
        )}
        {kpis.data.next && (
          <button type="button" onClick={() => setPages([...pages, kpis.data!.next ?? undefined])}>
            Next KPIs
          </button>
        )}
      </div>
    </section>
  );
}
