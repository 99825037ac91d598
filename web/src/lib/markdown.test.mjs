// node --test: the comment markdown subset, and that nothing in it becomes markup.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as esbuild from "esbuild";

const { outputFiles } = await esbuild.build({
  entryPoints: [new URL("./markdown.ts", import.meta.url).pathname],
  bundle: true, format: "esm", write: false,
});
const md = await import("data:text/javascript;base64," + Buffer.from(outputFiles[0].text).toString("base64"));

test("bold, italic, code and links", () => {
  assert.deepEqual(md.parseInline("a **big** _idea_ with `x<y>`"), [
    { t: "text", v: "a " },
    { t: "strong", c: [{ t: "text", v: "big" }] },
    { t: "text", v: " " },
    { t: "em", c: [{ t: "text", v: "idea" }] },
    { t: "text", v: " with " },
    { t: "code", v: "x<y>" },
  ]);
  assert.deepEqual(md.parseInline("see [the doc](https://example.com/a)"), [
    { t: "text", v: "see " },
    { t: "link", href: "https://example.com/a", c: [{ t: "text", v: "the doc" }] },
  ]);
});

test("a script link or raw HTML stays text", () => {
  assert.deepEqual(md.parseInline("[click](javascript:alert(1))"), [{ t: "text", v: "[click](javascript:alert(1))" }]);
  assert.deepEqual(md.parseInline("<img src=x onerror=alert(1)>"), [{ t: "text", v: "<img src=x onerror=alert(1)>" }]);
  assert.equal(md.safeHref("data:text/html,hi"), null);
  assert.equal(md.safeHref("mailto:ana@lumen.example"), "mailto:ana@lumen.example");
});

test("bare links lose the full stop that ends the sentence", () => {
  assert.deepEqual(md.parseInline("at https://example.com/x."), [
    { t: "text", v: "at " },
    { t: "link", href: "https://example.com/x", c: [{ t: "text", v: "https://example.com/x" }] },
    { t: "text", v: "." },
  ]);
});

test("mentions are marked only for the addresses the server resolved", () => {
  assert.deepEqual(md.parseInline("@ana@lumen.example, look. @nobody@x.example", ["ana@lumen.example"]), [
    { t: "mention", email: "ana@lumen.example" },
    { t: "text", v: ", look. @nobody@x.example" },
  ]);
  // An address inside a word is no mention.
  assert.deepEqual(md.parseInline("mail me@ana@lumen.example", ["ana@lumen.example"]), [{ t: "text", v: "mail me@ana@lumen.example" }]);
});

test("paragraphs, lists and code fences", () => {
  const blocks = md.parseMarkdown("Two things:\n- one\n- **two**\n\n1. first\n2. second\n\n```\n<b>raw</b>\n```\nend\nline");
  assert.deepEqual(blocks.map((b) => b.t), ["p", "ul", "ol", "pre", "p"]);
  assert.equal(blocks[1].items.length, 2);
  assert.equal(blocks[3].v, "<b>raw</b>");
  assert.deepEqual(blocks[4].c, [{ t: "text", v: "end" }, { t: "br" }, { t: "text", v: "line" }]);
});

test("the mention being typed", () => {
  assert.deepEqual(md.mentionAt("hi @an", 6), { start: 3, query: "an" });
  assert.deepEqual(md.mentionAt("@", 1), { start: 0, query: "" });
  assert.equal(md.mentionAt("me@an", 5), null);
  assert.equal(md.mentionAt("hi @an x", 8), null);
});
