/**
 * The documentation's Markdown files (README.md, CONTRIBUTING.md, docs/*.md) and their fenced code
 * blocks, each with its file, its lines, its language, the heading it sits under and what a hidden `<!-- readme-test: … -->` comment right before it says about testing it:
 *
 *   <!-- readme-test: declare const payload: unknown; -->     code prepended to the block (its "prelude"),
 *                                                             in the block's own language, for the free
 *                                                             variables a reader is meant to supply
 *   <!-- readme-test: skip: <why> -->                         not compiled, with the reason
 *
 * GitHub does not show HTML comments, so the reader sees the block as written; the tests see it whole.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface ReadmeBlock {
  /** The Markdown file, relative to the repository root, as errors name it. */
  file: string;
  /** 1-based line of the opening fence; the code starts on the next line. */
  line: number;
  /** 1-based line of the closing fence. */
  end: number;
  /** The first word of the fence's info string, lower-cased; "" when there is none. */
  lang: string;
  code: string;
  /** The text of the nearest heading above the block. */
  section: string;
  /** Code to put before the block when compiling or running it; "" when there is none. */
  prelude: string;
  /** Why the block is not compiled, when its comment says `skip:`. */
  skip?: string;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/;
const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const ANNOTATION_START = "<!-- readme-test:";

interface Annotation {
  /** 1-based line where the comment starts, for errors. */
  line: number;
  body: string;
}

/** The Markdown files whose code is tested: README.md, CONTRIBUTING.md and docs/*.md, relative to `root`. */
export function documentationFiles(root: string): string[] {
  const docs = readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md"));
  return ["README.md", "CONTRIBUTING.md", ...docs.sort().map((name) => `docs/${name}`)];
}

/** The code blocks of every documentation file under `root`. */
export const documentationBlocks = (root: string): ReadmeBlock[] =>
  documentationFiles(root).flatMap((file) => readmeBlocks(readFileSync(join(root, file), "utf8"), file));

/** Every fenced code block of `markdown`; throws, naming the line, on a misplaced or malformed annotation. */
export function readmeBlocks(markdown: string, file = "README.md"): ReadmeBlock[] {
  const lines = markdown.split("\n");
  const blocks: ReadmeBlock[] = [];
  let section = "";
  let pending: Annotation | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const fence = FENCE.exec(text);
    if (fence) {
      const [, indent, marker, lang] = fence;
      const close = new RegExp(`^ {0,3}${marker![0] === "`" ? "`" : "~"}{${marker!.length},}\\s*$`);
      const end = lines.findIndex((line, j) => j > i && close.test(line));
      if (end === -1) throw new Error(`${file}:${i + 1}: the code block is never closed`);
      const code = lines.slice(i + 1, end).map((line) => line.replace(new RegExp(`^ {0,${indent!.length}}`), ""));
      blocks.push({
        file,
        line: i + 1,
        end: end + 1,
        lang: lang!.toLowerCase(),
        code: code.join("\n"),
        section,
        ...directive(pending, file),
      });
      pending = undefined;
      i = end;
      continue;
    }
    if (pending && text.trim() !== "")
      throw new Error(`${file}:${pending.line}: a readme-test comment must come right before a code block`);
    const heading = HEADING.exec(text);
    if (heading) section = heading[1]!;
    if (text.trimStart().startsWith(ANNOTATION_START)) {
      const end = lines.findIndex((line, j) => j >= i && line.includes("-->"));
      if (end === -1) throw new Error(`${file}:${i + 1}: the readme-test comment is never closed`);
      const body = lines.slice(i, end + 1).join("\n");
      pending = { line: i + 1, body: body.slice(body.indexOf(ANNOTATION_START) + ANNOTATION_START.length, body.lastIndexOf("-->")).trim() };
      i = end;
    }
  }
  if (pending) throw new Error(`${file}:${pending.line}: a readme-test comment must come right before a code block`);
  return blocks;
}

/** What an annotation asks for: a prelude, or a skip with its reason. */
function directive(annotation: Annotation | undefined, file: string): Pick<ReadmeBlock, "prelude" | "skip"> {
  if (!annotation) return { prelude: "" };
  const skip = /^skip\b:?\s*([\s\S]*)$/.exec(annotation.body);
  if (!skip) return { prelude: annotation.body };
  if (skip[1]!.trim() === "") throw new Error(`${file}:${annotation.line}: a skipped code block needs a reason (readme-test: skip: <why>)`);
  return { prelude: "", skip: skip[1]!.trim() };
}
