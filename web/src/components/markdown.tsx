// A comment's body on the page: the markdown subset parsed by lib/markdown into data,
// built here element by element. User text only ever becomes text nodes.
import type { ComponentChildren } from "preact";
import { parseMarkdown, type Inline } from "../lib/markdown";

type Person = { email: string; name: string };

function inline(nodes: Inline[], people: Map<string, Person>): ComponentChildren[] {
  return nodes.map((n) => {
    switch (n.t) {
      case "text":
        return n.v;
      case "code":
        return <code>{n.v}</code>;
      case "strong":
        return <strong>{inline(n.c, people)}</strong>;
      case "em":
        return <em>{inline(n.c, people)}</em>;
      case "br":
        return <br />;
      case "link":
        return (
          <a href={n.href} rel="noopener noreferrer nofollow" target="_blank">
            {inline(n.c, people)}
          </a>
        );
      case "mention": {
        const p = people.get(n.email);
        return (
          <span class="mention" title={n.email}>
            @{p?.name || n.email}
          </span>
        );
      }
    }
  });
}

export function Markdown({ body, mentions }: { body: string; mentions: Person[] }) {
  const people = new Map(mentions.map((p) => [p.email.toLowerCase(), p]));
  const blocks = parseMarkdown(body, [...people.keys()]);
  return (
    <div class="md">
      {blocks.map((b) => {
        switch (b.t) {
          case "p":
            return <p>{inline(b.c, people)}</p>;
          case "ul":
            return (
              <ul>
                {b.items.map((i) => (
                  <li>{inline(i, people)}</li>
                ))}
              </ul>
            );
          case "ol":
            return (
              <ol>
                {b.items.map((i) => (
                  <li>{inline(i, people)}</li>
                ))}
              </ol>
            );
          case "pre":
            return (
              <pre>
                <code>{b.v}</code>
              </pre>
            );
        }
      })}
    </div>
  );
}
