// The unread count behind the header's bell: asked on each page change and every
// minute, and set at once when the inbox marks something read.
import { signal } from "@preact/signals";
import { api, must } from "../api/client";

export const unread = signal<number | null>(null);

// Each answer carries the count as of when it was read. An answer to a request sent
// before a later one's (a page change racing the inbox's "mark read") must not
// overwrite it: only the latest request's answer, or a write's, is kept.
let asked = 0;

/** Sets the count from an answer read after everything asked before it. */
export function setUnread(n: number): void {
  asked += 1;
  unread.value = n;
}

/** Call before a request whose answer holds the count; call what it returns with it. */
export function askingUnread(): (n: number) => void {
  const mine = ++asked;
  return (n) => {
    if (mine === asked) unread.value = n;
  };
}

export async function refreshUnread(): Promise<void> {
  const answer = askingUnread();
  try {
    answer((await must(api.GET("/api/v1/notifications/unread-count"), true)).unread);
  } catch {
    // The bell keeps its last count; the page shows the real problem.
  }
}
