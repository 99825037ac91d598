// The unread count behind the header's bell: asked on each page change and every
// minute, and set at once when the inbox marks something read.
import { signal } from "@preact/signals";
import { api, must } from "../api/client";

export const unread = signal<number | null>(null);

export async function refreshUnread(): Promise<void> {
  try {
    const r = await must(api.GET("/api/v1/notifications/unread-count"), true);
    unread.value = r.unread;
  } catch {
    // The bell keeps its last count; the page shows the real problem.
  }
}
