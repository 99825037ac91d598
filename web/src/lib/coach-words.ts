// Pure helpers of the editor's coach: its findings in the form's own words, and the
// baseline and target a key result's title states.

/** The coach speaks the file format's words; the editor shows the form's own labels instead. */
const formWords: [RegExp, string][] = [
  [/owner: name@example\.com/g, "an e-mail in Owner"],
  [/Set aligns_to to the key of the parent objective it contributes to\./g, "Choose in “Aligns to” the objective above that it contributes to."],
  [/aligns_to_key_result/g, "“Aligns to” (a key result)"],
  [/aligns_to/g, "“Aligns to”"],
  [/\bstart: ?(-?[\d.]+)/g, "Baseline $1"],
  [/\btarget: ?(-?[\d.]+)/g, "Target $1"],
  [/\bmetric: ?(\w+)/g, "Metric $1"],
  [/\bindicator: ?(\w+)/g, "Indicator $1"],
  [/min_key_results|max_key_results/g, "the limit"],
];
export function inFormWords(text: string): string {
  return formWords.reduce((t, [from, to]) => t.replace(from, to), text);
}

/** "from 4 to 6" (or "from 64 % to 85 %") in a key result's title: the baseline and target it states. */
export function statedRange(title: string): { start: string; target: string } | null {
  const m = title.match(/\bfrom\s+(-?[\d][\d,]*(?:\.\d+)?)\s*%?\s*(?:[a-z]+\s+)?to\s+(-?[\d][\d,]*(?:\.\d+)?)/i);
  if (!m) return null;
  const clean = (x: string) => x.replace(/,/g, "");
  return clean(m[1]) === clean(m[2]) ? null : { start: clean(m[1]), target: clean(m[2]) };
}
