/**
 * The relative links of a Markdown file and the anchors its headings get, as GitHub renders them:
 * what test/docs-links.test.ts follows. Code blocks and code spans hold no links and no headings.
 */
import { readmeBlocks } from "./readme-blocks.js";

export interface Link {
  /** 1-based line of the link. */
  line: number;
  /** The target as written: a path, a path with `#anchor`, or `#anchor` alone. */
  target: string;
}

const HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const LINK = /\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;
const CODE_SPAN = /(`+)[^`][\s\S]*?\1/g;

/** Each line of `markdown` outside its code blocks, with its 1-based number. */
function proseLines(markdown: string, file: string): [number, string][] {
  const inBlock = new Set(
    readmeBlocks(markdown, file).flatMap(({ line, end }) => Array.from({ length: end - line + 1 }, (_, i) => line + i)),
  );
  return markdown
    .split("\n")
    .map((text, i) => [i + 1, text] as [number, string])
    .filter(([line]) => !inBlock.has(line));
}

/**
 * GitHub's anchor for a heading's text: the rendered text lower-cased, every character but letters,
 * digits, `_`, `-` and spaces dropped, spaces made `-`.
 */
export function slug(heading: string): string {
  const rendered = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[`*]/g, "");
  return rendered
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a file's headings; a repeated heading gets `-1`, `-2`, … as on GitHub. */
export function headingAnchors(markdown: string, file: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const [, text] of proseLines(markdown, file)) {
    const heading = HEADING.exec(text);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const count = counts.get(base) ?? 0;
    counts.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every link of a file that points into the repository (no scheme: not `https:`, not `mailto:`). */
export function relativeLinks(markdown: string, file: string): Link[] {
  return proseLines(markdown, file).flatMap(([line, text]) =>
    [...text.replace(CODE_SPAN, "``").matchAll(LINK)]
      .map((match) => ({ line, target: match[1]! }))
      .filter((link) => !EXTERNAL.test(link.target)),
  );
}
