// The markdown subset of comments (docs/comments.md), parsed into plain data that a
// component turns into elements: text never becomes HTML, so no comment can inject
// markup or script. Blocks: paragraphs, "- " and "1. " lists, ``` code fences.
// Inline: **bold**, *italic* or _italic_, `code`, [text](https://…), bare http(s)
// links, line breaks, and @mentions of the addresses the server names.

export type Inline =
  | { t: "text"; v: string }
  | { t: "code"; v: string }
  | { t: "strong"; c: Inline[] }
  | { t: "em"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] }
  | { t: "mention"; email: string }
  | { t: "br" };

export type Block =
  | { t: "p"; c: Inline[] }
  | { t: "ul"; items: Inline[][] }
  | { t: "ol"; items: Inline[][] }
  | { t: "pre"; v: string };

/** A link target that may be followed: http, https or mailto; anything else is text. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^https?:\/\/[^\s]+$/i.test(h)) return h;
  if (/^mailto:[^\s]+$/i.test(h)) return h;
  return null;
}

const addressChar = /[A-Za-z0-9._%+-]/;

function pushText(out: Inline[], v: string) {
  if (!v) return;
  const last = out[out.length - 1];
  if (last && last.t === "text") last.v += v;
  else out.push({ t: "text", v });
}

/** Inline markup of one block's text; `mentions` are the lower-cased addresses to mark. */
export function parseInline(text: string, mentions: readonly string[] = []): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const rest = text.slice(i);
    if (ch === "\n") {
      out.push({ t: "br" });
      i++;
      continue;
    }
    if (ch === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        out.push({ t: "code", v: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith("**")) {
      const end = text.indexOf("**", i + 2);
      if (end > i + 2) {
        out.push({ t: "strong", c: parseInline(text.slice(i + 2, end), mentions) });
        i = end + 2;
        continue;
      }
    }
    if ((ch === "*" || ch === "_") && text[i + 1] !== ch && text[i + 1] !== " " && text[i + 1] !== undefined) {
      const prev = text[i - 1];
      const wordBefore = ch === "_" && prev !== undefined && /[A-Za-z0-9]/.test(prev);
      const end = text.indexOf(ch, i + 1);
      if (!wordBefore && end > i + 1 && text[end - 1] !== " ") {
        out.push({ t: "em", c: parseInline(text.slice(i + 1, end), mentions) });
        i = end + 1;
        continue;
      }
    }
    if (ch === "[") {
      const m = /^\[([^\]\n]+)\]\(([^)\s]+)\)/.exec(rest);
      if (m) {
        const href = safeHref(m[2]);
        if (href) out.push({ t: "link", href, c: parseInline(m[1], mentions) });
        else pushText(out, m[0]);
        i += m[0].length;
        continue;
      }
    }
    if (ch === "h" && (i === 0 || !/[A-Za-z0-9]/.test(text[i - 1]))) {
      const m = /^https?:\/\/[^\s<>()]+/i.exec(rest);
      if (m) {
        const url = m[0].replace(/[.,;:!?]+$/, "");
        out.push({ t: "link", href: url, c: [{ t: "text", v: url }] });
        i += url.length;
        continue;
      }
    }
    if (ch === "@" && (i === 0 || !(addressChar.test(text[i - 1]) || text[i - 1] === "@"))) {
      const m = /^@([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+)/.exec(rest);
      if (m) {
        const email = m[1].replace(/[.-]+$/, "").toLowerCase();
        if (mentions.includes(email)) {
          out.push({ t: "mention", email });
          i += 1 + email.length;
          continue;
        }
      }
    }
    pushText(out, ch);
    i++;
  }
  return out;
}

/** The blocks of a comment's body. */
export function parseMarkdown(body: string, mentions: readonly string[] = []): Block[] {
  const lines = body.replace(/\r\n/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ t: "p", c: parseInline(para.join("\n"), mentions) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      blocks.push({ t: "pre", v: code.join("\n") });
      continue;
    }
    const bullet = /^\s*[-*] +(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)] +(.*)$/.exec(line);
    if (bullet || numbered) {
      flush();
      const kind = bullet ? "ul" : "ol";
      const items: Inline[][] = [];
      for (; i < lines.length; i++) {
        const m = (kind === "ul" ? /^\s*[-*] +(.*)$/ : /^\s*\d+[.)] +(.*)$/).exec(lines[i]);
        if (!m) break;
        items.push(parseInline(m[1], mentions));
      }
      i--;
      blocks.push({ t: kind, items });
      continue;
    }
    if (line.trim() === "") flush();
    else para.push(line);
  }
  flush();
  return blocks;
}

/** The address being typed after an "@" just before the caret, or null: what to complete. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[^A-Za-z0-9._%+@-])@([A-Za-z0-9._%+\-@]*)$/.exec(before);
  if (!m) return null;
  return { start: caret - m[2].length - 1, query: m[2] };
}
