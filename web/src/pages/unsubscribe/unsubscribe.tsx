// An e-mail's unsubscribe link (/unsubscribe?token=…), opened without signing in: it
// says whose e-mail and which kind it stops, and stops it with one button.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso/router";
import { api, ApiError, must } from "../../api/client";
import { Loading, Problem } from "../../components/ui";
import { useLoad } from "../../lib/use-load";

const kindNames: Record<string, string> = {
  digest: "the weekly digest",
  mention: "e-mails when someone mentions you",
  reply: "e-mails when someone replies to your comment",
  comment: "e-mails when someone comments on what you own",
  dependency_asked: "e-mails when a team asks your team for something",
  dependency_answered: "e-mails when a team answers what you asked",
  endpoint_disabled: "e-mails when a webhook or chat channel stops",
  check_in_due: "check-in reminders",
  off_track: "e-mails when a key result you own goes off track",
  grading_opened: "e-mails when grading opens",
};

export function Unsubscribe() {
  const { query } = useLocation();
  const token = query.token ?? "";
  const what = useLoad(async () => (token ? must(api.GET("/api/v1/unsubscribe", { params: { query: { token } } }), true) : null), [token]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!token || what.error)
    return (
      <section class="signin">
        <h1>Unsubscribe</h1>
        <p class="problem">{what.error ? what.error.detail : "This address lacks its token: open the whole link from the e-mail."}</p>
        <a class="button" href="/inbox">
          Choose what you receive
        </a>
      </section>
    );
  if (!what.data) return <Loading what="the link" />;
  const name = kindNames[what.data.kind] ?? "these e-mails";
  const stop = async () => {
    setError(null);
    try {
      await must(api.POST("/api/v1/unsubscribe", { params: { query: { token } } }), true);
      setDone(true);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <section class="signin">
      <h1>Unsubscribe</h1>
      {done ? (
        <p role="status">
          Stopped: {name} to {what.data.email}. You can turn {what.data.kind === "digest" ? "it" : "them"} on again on your inbox page.
        </p>
      ) : (
        <>
          <p>
            Stop {name} to {what.data.email}?
          </p>
          <button type="button" onClick={() => void stop()}>
            Stop {name}
          </button>
        </>
      )}
      <Problem error={error} />
      <p class="muted">
        <a href="/inbox">Choose what you receive</a> (after signing in).
      </p>
    </section>
  );
}
