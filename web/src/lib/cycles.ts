// The cycles, loaded once per sign-in, and the one the pages are looking at.
import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api, everyPage, must, type Schemas } from "../api/client";

export type Cycle = Schemas["Cycle"];

export const cycles = signal<Cycle[] | undefined>(undefined);
export const currentCycle = signal<string | undefined>(undefined);

export async function loadCycles(): Promise<Cycle[]> {
  const list = (await everyPage<Cycle>((after) => must(api.GET("/api/v1/cycles", { params: { query: { limit: 500, after } } })))).items;
  cycles.value = list;
  // A page that names no cycle (KPIs, sprints, administration) still shows the current one.
  if (currentCycle.value === undefined || !list.some((c) => c.name === currentCycle.value))
    currentCycle.value = defaultCycle(list)?.name;
  return list;
}

/** The cycle containing today, else the latest (as the CLI chooses). */
export function defaultCycle(list: Cycle[], today = new Date().toISOString().slice(0, 10)): Cycle | undefined {
  const running = list.find((c) => (c.start ?? "") <= today && today <= (c.end ?? ""));
  return running ?? list[list.length - 1];
}

/** Makes `cycle` the one the header's picker shows while this page is open. */
export function useCurrentCycle(cycle: string) {
  useEffect(() => void (currentCycle.value = cycle), [cycle]);
}

/** A cycle still under way shows pace and expected progress; a later one its final scores. */
export const isRunning = (cycle: { state?: string }) => cycle.state === "active" || cycle.state === "planning";
