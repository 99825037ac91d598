// Who is signed in, and what they may see. The server decides every permission;
// the page only hides controls it already knows the server would refuse.
import { signal } from "@preact/signals";
import { api, must, setCsrfToken, type Schemas } from "./client";

export type SignedIn = Schemas["SignedIn"];

export const session = signal<SignedIn | null | undefined>(undefined); // undefined: not known yet

export async function loadSession(): Promise<SignedIn | null> {
  try {
    const s = await must(api.GET("/api/v1/session"), true);
    setCsrfToken(s.csrf_token);
    session.value = s;
    return s;
  } catch {
    session.value = null;
    return null;
  }
}

export async function signIn(email: string, password: string) {
  const s = await must(api.POST("/api/v1/session", { body: { email, password } }), true);
  setCsrfToken(s.csrf_token);
  return loadSession();
}

export async function signOut() {
  try {
    await must(api.DELETE("/api/v1/session"), true);
  } finally {
    setCsrfToken(undefined);
    session.value = null;
  }
}

export const isAdmin = () => session.value?.user.admin === true;
