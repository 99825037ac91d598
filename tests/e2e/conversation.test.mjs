// The conversation and the inbox in Debian's Chromium against a real `okr serve`:
// a comment with an @mention picked from the people search, the bell's count on the
// other person's page, the inbox, a reply, and turning a kind of notification off.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { apiGet, axeViolations, demoAdmin, newPage, okr, screenshot, signIn, startBrowser, startServer } from "./harness.mjs";

let chrome;
before(async () => (chrome = await startBrowser()));
after(async () => chrome.close());

function clean(page) {
  assert.deepEqual(page.problems, [], "the page logged errors");
}

describe("comments and the inbox on the demo organisation", () => {
  let server, token, objective;
  before(async () => {
    server = await startServer("demo");
    okr(server.db, ["user", "password", "ben@lumen.example", "--password-stdin"], "ben-password-123\n");
    token = okr(server.db, ["token", "create", "--user", demoAdmin.email, "--name", "e2e"]).trim().split(/\s+/).pop();
    objective = await apiGet(server.base, token, "/api/v1/objectives/growth-first-week");
  });
  after(async () => server.stop());

  test("a mention reaches Ben's bell and inbox; he opens it, replies, and turns mentions off", async () => {
    const maya = await newPage(chrome.browser);
    await signIn(maya, server.base);
    await maya.goto(`${server.base}/objectives/${objective.id}`);
    await maya.getByRole("heading", { name: "Conversation" }).waitFor();
    await maya.getByText("No comments yet").waitFor();

    // Typing "@be" offers Ben from the people search; Enter puts his address in.
    const box = maya.getByLabel("Add a comment");
    await box.click();
    await box.pressSequentially("Why the dip in week 3, @be");
    await maya.getByRole("option", { name: /Ben/ }).waitFor();
    await maya.keyboard.press("Enter");
    assert.equal(await box.inputValue(), "Why the dip in week 3, @ben@lumen.example ");
    await box.pressSequentially("? It is **urgent**. <b>not bold</b> [x](javascript:alert(1))");
    await maya.getByRole("button", { name: "Comment", exact: true }).click();

    const comment = maya.locator("article.comment").first();
    await comment.waitFor();
    assert.equal(await comment.locator(".mention").innerText(), "@Ben");
    assert.equal(await comment.locator("strong", { hasText: "urgent" }).count(), 1);
    // Raw HTML and script links stay text.
    assert.equal(await comment.locator(".md b").count(), 0);
    assert.equal(await comment.locator(".md a").count(), 0);
    assert.match(await comment.innerText(), /<b>not bold<\/b> \[x\]\(javascript:alert\(1\)\)/);
    assert.equal(await box.inputValue(), "");
    clean(maya);

    // Ben sees one unread notification on the bell, from any page.
    const ben = await newPage(chrome.browser);
    await signIn(ben, server.base, { email: "ben@lumen.example", password: "ben-password-123" });
    const bell = ben.getByRole("link", { name: /^Inbox/ });
    await ben.getByRole("link", { name: "Inbox, 1 unread" }).waitFor();
    assert.equal(await ben.locator(".bell-count").innerText(), "1");
    await bell.click();
    await ben.waitForURL(/\/inbox$/);
    await ben.getByRole("heading", { name: "Inbox" }).waitFor();
    const note = ben.getByRole("link", { name: /Maya mentioned you on/ });
    await note.waitFor();
    assert.deepEqual(await axeViolations(ben), []);
    await screenshot(ben, "inbox");

    // Opening it goes to the comment and reads it. The page change asks the bell's count
    // while "mark read" is on its way: here that count is read before the mark commits
    // and delivered after its answer, and the bell must keep the newer count.
    let countRead, markAnswered;
    const countWasRead = new Promise((resolve) => (countRead = resolve));
    const markWasAnswered = new Promise((resolve) => (markAnswered = resolve));
    await ben.route("**/api/v1/notifications/unread-count", async (route) => {
      const response = await route.fetch();
      countRead();
      await markWasAnswered;
      await route.fulfill({ response });
    });
    await ben.route("**/api/v1/notifications/read", async (route) => {
      await Promise.race([countWasRead, new Promise((resolve) => setTimeout(resolve, 2000))]);
      await route.fulfill({ response: await route.fetch() });
      setTimeout(markAnswered, 300);
    });
    await note.click();
    await ben.waitForURL(new RegExp(`/objectives/${objective.id}#comment-\\d+$`));
    await ben.getByRole("link", { name: "Inbox, nothing unread" }).waitFor();
    await markWasAnswered;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await ben.locator(".bell").getAttribute("aria-label"), "Inbox, nothing unread");
    await ben.unrouteAll();
    await ben.getByRole("button", { name: "Reply" }).first().click();
    await ben.getByLabel("Your reply").fill("The pricing test started that week.");
    await ben.getByRole("button", { name: "Reply", exact: true }).last().click();
    await ben.locator(".replies article.comment").getByText("The pricing test started that week.").waitFor();
    const thread = await apiGet(server.base, token, `/api/v1/objectives/${objective.id}/comments`);
    assert.equal(thread.items.length, 2);
    assert.equal(thread.items[1].parent_id, thread.items[0].id);
    assert.equal(thread.items[1].author.email, "ben@lumen.example");
    // Maya hears of the reply.
    await maya.reload();
    await maya.getByRole("link", { name: "Inbox, 1 unread" }).waitFor();

    // Ben turns mentions off; a new mention then leaves his bell quiet.
    await ben.goto(`${server.base}/inbox`);
    await ben.getByLabel("Someone mentions me").selectOption("none");
    await ben.getByText("Someone mentions me: off.").waitFor();
    const r = await fetch(`${server.base}/api/v1/objectives/${objective.id}/comments`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ body: "@ben@lumen.example once more" }),
    });
    assert.equal(r.status, 201);
    await ben.reload();
    await ben.getByRole("heading", { name: "Inbox" }).waitFor();
    assert.equal(await ben.getByLabel("Someone mentions me").inputValue(), "none");
    await ben.getByRole("link", { name: "Inbox, nothing unread" }).waitFor();
    clean(ben);
  });

  test("Ben sets when e-mail may reach him, and an e-mail's unsubscribe link stops the digest", async () => {
    okr(server.db, ["mail", "set", "--smtp", "smtp://127.0.0.1:2525", "--tls", "none", "--from", "okr@lumen.example", "--public-url", server.base]);
    const ben = await newPage(chrome.browser);
    await signIn(ben, server.base, { email: "ben@lumen.example", password: "ben-password-123" });
    await ben.goto(`${server.base}/inbox`);
    await ben.getByLabel("Key results I own are due a check-in").selectOption("email");
    await ben.getByText("Key results I own are due a check-in: e-mail.").waitFor();
    await ben.getByLabel("Time zone").fill("Europe/Berlin");
    await ben.getByLabel("Quiet hours: no e-mail between").check();
    await ben.getByLabel("Quiet hours start").fill("21:30");
    await ben.getByLabel("Quiet hours end").fill("07:15");
    await ben.getByRole("button", { name: "Save e-mail settings" }).click();
    await ben.getByText("Saved.").waitFor();
    assert.deepEqual(await axeViolations(ben), []);
    await screenshot(ben, "inbox-email");
    await ben.reload();
    await ben.getByRole("button", { name: "Save e-mail settings" }).waitFor();
    assert.equal(await ben.getByLabel("Time zone").inputValue(), "Europe/Berlin");
    assert.equal(await ben.getByLabel("Quiet hours start").inputValue(), "21:30");
    assert.equal(await ben.getByLabel("Key results I own are due a check-in").inputValue(), "email");

    // The digest's unsubscribe link, opened without signing in.
    const key = execFileSync("sqlite3", [server.db, "SELECT value FROM settings WHERE key = 'mail.unsubscribe_key'"]).toString().trim();
    const { id } = await apiGet(server.base, token, "/api/v1/users/ben@lumen.example");
    assert.ok(key && id, "the key and Ben's id");
    const payload = `${id}.digest`;
    const link = `${server.base}/unsubscribe?token=${payload}.${createHmac("sha256", key).update(payload).digest("hex").slice(0, 32)}`;
    const stranger = await newPage(chrome.browser);
    await stranger.goto(link);
    await stranger.getByText("Stop the weekly digest to ben@lumen.example?").waitFor();
    assert.deepEqual(await axeViolations(stranger), []);
    await stranger.getByRole("button", { name: "Stop the weekly digest" }).click();
    await stranger.getByText("Stopped: the weekly digest to ben@lumen.example.").waitFor();
    const settings = await (await fetch(`${server.base}/api/v1/notifications/email`, { headers: { Authorization: `Bearer ${okr(server.db, ["token", "create", "--user", "ben@lumen.example", "--name", "e2e-ben"]).trim().split(/\s+/).pop()}` } })).json();
    assert.equal(settings.weekly_digest, false);
    await stranger.goto(`${server.base}/unsubscribe?token=${payload}.0000`);
    await stranger.getByText("this unsubscribe link is not valid").waitFor();
    clean(stranger);
    clean(ben);
  });
});
