// The coach while someone types: the draft goes to POST /api/v1/lint (debounced by
// the caller) and each finding comes back addressed to the objective or one key result.
import { api, must, type Schemas } from "../../api/client";
import { inFormWords } from "../../lib/coach-words";

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

/**
 * The coach's findings on what has been written: nothing is said about an objective or a
 * key result whose title is still empty, so a new form is not critiqued before anything
 * is typed.
 */
export async function coach(d: Draft): Promise<Finding[]> {
  if (!d.title.trim() && d.krs.every((k) => !k.title.trim())) return [];
  const report = await must(api.POST("/api/v1/lint", { body: draftFile(d) as Schemas["OkrFile"] }));
  const emptyKr = new Set(d.krs.map((k, i) => (k.title.trim() ? "" : draftKrKey(i))).filter(Boolean));
  return (report.findings ?? [])
    .filter((f) => (f.key_result_key ? !emptyKr.has(f.key_result_key) : d.title.trim() !== ""))
    .map((f) => ({
      ...f,
      message: inFormWords(f.message ?? ""),
      suggestion: f.suggestion ? inFormWords(f.suggestion) : f.suggestion,
      evidence: f.evidence ? inFormWords(f.evidence) : f.evidence,
    }));
}

