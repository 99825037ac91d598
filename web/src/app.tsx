// The dashboard: one URL per page, a header with the cycle picker, and the sign-in gate.
import { useEffect } from "preact/hooks";
import { LocationProvider, Router, Route, useLocation } from "preact-iso/router";
import { whenUnauthenticated } from "./api/client";
import { isAdmin, loadSession, session, signOut } from "./api/session";
import { currentCycle, cycles, loadCycles } from "./lib/cycles";
import { Loading } from "./components/ui";
import { PageBoundary } from "./components/boundary";
import { SearchBox } from "./components/search";
import { SignIn } from "./pages/signin/signin";
import { Setup } from "./pages/setup/setup";
import { Join } from "./pages/join/join";
import { Unsubscribe } from "./pages/unsubscribe/unsubscribe";
import { FirstRun } from "./pages/start/start";
import { Home } from "./pages/home/home";
import { Overview } from "./pages/overview/overview";
import { TeamPage } from "./pages/team/team";
import { ObjectivePage } from "./pages/objective/objective";
import { Editor } from "./pages/editor/editor";
import { Alignment } from "./pages/alignment/alignment";
import { Grading } from "./pages/grading/grading";
import { Kpis } from "./pages/kpis/kpis";
import { Sprints } from "./pages/sprints/sprints";
import { Admin } from "./pages/admin/admin";
import { Present, PresentCompany } from "./pages/present/present";
import { Inbox } from "./pages/inbox/inbox";
import { refreshUnread, unread } from "./lib/inbox";

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <a href="/">Go to the overview</a>.
      </p>
    </section>
  );
}

/** The bell: how many notifications are unread, linking to the inbox. */
function Bell() {
  const { url } = useLocation();
  useEffect(() => {
    void refreshUnread();
  }, [url]);
  useEffect(() => {
    const timer = window.setInterval(() => void refreshUnread(), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const n = unread.value ?? 0;
  return (
    <a class="bell" href="/inbox" aria-current={url.startsWith("/inbox") ? "page" : undefined} aria-label={n === 0 ? "Inbox, nothing unread" : `Inbox, ${n} unread`}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {n > 0 && (
        <span class="bell-count" aria-hidden="true">
          {n > 99 ? "99+" : n}
        </span>
      )}
    </a>
  );
}

function Header() {
  const { url, route } = useLocation();
  const cycle = currentCycle.value;
  const list = cycles.value ?? [];
  const onCycle = (name: string) => {
    currentCycle.value = name;
    // Stay on the same kind of page in the other cycle.
    const m = url.match(/^\/cycles\/[^/]+(\/.*)?$/);
    route(`/cycles/${encodeURIComponent(name)}${m?.[1] ?? ""}`);
  };
  const out = async () => {
    await signOut();
    route("/signin");
  };
  const link = (href: string, label: string) => (
    <a href={href} aria-current={url === href || url.startsWith(href + "/") ? "page" : undefined}>
      {label}
    </a>
  );
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <a class="brand" href="/">
        okr
      </a>
      <nav aria-label="Main">
        <a href="/" aria-current={url === "/" ? "page" : undefined}>
          My OKRs
        </a>
        {cycle && link(`/cycles/${encodeURIComponent(cycle)}`, "Overview")}
        {cycle && link(`/cycles/${encodeURIComponent(cycle)}/alignment`, "Alignment")}
        {link("/kpis", "KPIs")}
        {link("/sprints", "Sprints")}
        {isAdmin() && link("/admin", "Admin")}
      </nav>
      <SearchBox />
      <Bell />
      {list.length > 0 && (
        <label class="cycle-picker">
          <span>Cycle</span>
          <select value={cycle} onChange={(e) => onCycle((e.target as HTMLSelectElement).value)}>
            {list.map((c) => (
              <option value={c.name}>
                {c.name} ({c.state})
              </option>
            ))}
          </select>
        </label>
      )}
      <div class="who">
        <span>{session.value?.user.name || session.value?.user.email}</span>
        <button type="button" class="link" onClick={out}>
          Sign out
        </button>
      </div>
    </header>
  );
}

/** Each page's title is its heading, so tabs, history and bookmarks tell pages apart. */
function useTitleFromHeading() {
  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    const update = () => {
      const h1 = main.querySelector("h1")?.textContent?.trim();
      const title = h1 ? `${h1} · okr` : "okr";
      if (document.title !== title) document.title = title;
    };
    const watch = new MutationObserver(update);
    watch.observe(main, { childList: true, subtree: true, characterData: true });
    update();
    return () => watch.disconnect();
  });
}

function Shell() {
  const { url, route } = useLocation();
  useTitleFromHeading();
  useEffect(() => {
    whenUnauthenticated(() => {
      session.value = null;
      const here = location.pathname + location.search;
      if (!here.startsWith("/signin") && !here.startsWith("/setup") && !here.startsWith("/join") && !here.startsWith("/unsubscribe")) route(`/signin?next=${encodeURIComponent(here)}`, true);
    });
    void loadSession();
  }, []);
  const signedIn = session.value;
  useEffect(() => {
    if (signedIn === null && !url.startsWith("/signin") && !url.startsWith("/setup") && !url.startsWith("/join") && !url.startsWith("/unsubscribe")) route(`/signin?next=${encodeURIComponent(url)}`, true);
    if (signedIn) void loadCycles().catch(() => undefined);
  }, [signedIn === null, signedIn?.user.id]);

  if (signedIn === undefined) return <Loading what="your session" />;
  if (url.startsWith("/unsubscribe"))
    return (
      <main id="main" class="narrow">
        <Unsubscribe />
      </main>
    );
  if ((url.startsWith("/setup") || url.startsWith("/join")) && !signedIn)
    return (
      <main id="main" class="narrow">
        {url.startsWith("/setup") ? <Setup /> : <Join />}
      </main>
    );
  if (signedIn === null || url.startsWith("/signin"))
    return (
      <main id="main" class="narrow">
        <SignIn />
      </main>
    );
  return (
    <>
      <Header />
      <main id="main">
        <PageBoundary url={url}>
        <Router>
          <Route path="/" component={Home} />
          <Route path="/start" component={FirstRun} />
          <Route path="/join" component={Join} />
          <Route path="/setup" component={Setup} />
          <Route path="/cycles/:cycle" component={Overview} />
          <Route path="/cycles/:cycle/alignment" component={Alignment} />
          <Route path="/cycles/:cycle/present" component={PresentCompany} />
          <Route path="/cycles/:cycle/teams/:team" component={TeamPage} />
          <Route path="/cycles/:cycle/teams/:team/grading" component={Grading} />
          <Route path="/cycles/:cycle/teams/:team/new" component={Editor} />
          <Route path="/cycles/:cycle/teams/:team/present" component={Present} />
          <Route path="/objectives/:objective" component={ObjectivePage} />
          <Route path="/objectives/:objective/edit" component={Editor} />
          <Route path="/inbox" component={Inbox} />
          <Route path="/kpis" component={Kpis} />
          <Route path="/sprints" component={Sprints} />
          <Route path="/teams/:team/sprints" component={Sprints} />
          <Route path="/admin" component={Admin} />
          <Route path="/admin/tokens" component={Admin} />
          <Route path="/admin/teams" component={Admin} />
          <Route path="/admin/cycles" component={Admin} />
          <Route path="/admin/audit" component={Admin} />
          <Route path="/admin/sign-in" component={Admin} />
          <Route path="/admin/webhooks" component={Admin} />
          <Route default component={NotFound} />
        </Router>
        </PageBoundary>
      </main>
    </>
  );
}

export function App() {
  return (
    <LocationProvider>
      <Shell />
    </LocationProvider>
  );
}
