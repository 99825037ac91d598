// The coach while someone types: the draft goes to POST /api/v1/lint (debounced by
// the caller) and each finding comes back addressed to the objective or one key result.
import { api, must, type Schemas } from "../../api/client";

export type Finding = NonNullable<Schemas["LintReport"]["findings"]>[number];

export interface DraftKr {
  title: string;
  metric: string;
  unit: string;
  start: string;
  target: string;
  low: string;
  high: string;
  tolerance: string;
  owner: string;
  indicator: string; // "", "leading" or "lagging"
}
export interface Draft {
  team: string;
  title: string;
  description: string;
  kind: string;
  owner: string;
  alignsTo: string;
  krs: DraftKr[];
}

export const draftObjectiveKey = "draft-objective";
export const draftKrKey = (i: number) => `draft-kr-${i + 1}`;

const num = (s: string) => (s.trim() === "" || !Number.isFinite(Number(s)) ? undefined : Number(s));

/** The draft in the OKR file format, with placeholder keys the findings point back to. */
export function draftFile(d: Draft) {
  const krs = d.krs.map((k, i) => {
    const kr: Record<string, unknown> = { key: draftKrKey(i), title: k.title || "untitled", metric: k.metric };
    if (k.unit) kr.unit = k.unit;
    for (const f of ["start", "target", "low", "high", "tolerance"] as const) {
      const v = num(k[f]);
      if (v !== undefined) kr[f] = v;
    }
    if (k.owner.trim()) kr.owner = k.owner.trim();
    if (k.indicator) kr.indicator = k.indicator;
    return kr;
  });
  const objective: Record<string, unknown> = { key: draftObjectiveKey, team: d.team, title: d.title || "untitled", kind: d.kind, key_results: krs };
  if (d.description.trim()) objective.description = d.description.trim();
  if (d.owner.trim()) objective.owner = d.owner.trim();
  // The editor's choice: "o:KEY" for an objective, "k:KEY" for one of its key results.
  if (d.alignsTo.startsWith("k:")) objective.aligns_to_key_result = d.alignsTo.slice(2);
  else if (d.alignsTo) objective.aligns_to = d.alignsTo.replace(/^o:/, "");
  return { objectives: [objective] };
}

export async function coach(d: Draft): Promise<Finding[]> {
  const report = await must(api.POST("/api/v1/lint", { body: draftFile(d) as Schemas["OkrFile"] }));
  return report.findings ?? [];
}
