/**
 * The spec's prose as the doc comments of generated/types.ts and generated/openapi.ts show it: editors
 * render those as Markdown, and the spec writes reStructuredText with hard-wrapped lines. Only the
 * copies handed to the type writers change; spec/, the JSON Schemas and the OpenAPI document keep the
 * spec's own text.
 */
import { isJsonObject } from "../../lib/json-value.js";

/** A line that starts a Markdown list item, which keeps its own line. */
const LIST_ITEM = /^([-*+]|\d+[.)])\s/;

/**
 * RST's inline literals (``x``) as Markdown's (`x`), and each paragraph's hard-wrapped lines joined
 * into one; blank lines still part paragraphs. Every double backtick becomes a single one, which also
 * mends a literal the spec opened with one and closed with two.
 */
export function markdownDoc(text: string): string {
  return text
    .replace(/``/g, "`")
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "")
        .reduce((joined, line) => (joined === "" ? line : `${joined}${LIST_ITEM.test(line) ? "\n" : " "}${line}`), ""),
    )
    .join("\n\n");
}

/** A copy of a JSON document with every `description` and `summary` text, at any depth, in Markdown; examples stay as they are. */
export function withMarkdownDocs<T>(value: T): T {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (!isJsonObject(node)) return node;
    return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, convertEntry(key, child)]));
  };
  const convertEntry = (key: string, child: unknown): unknown => {
    if (key === "example" || key === "examples") return child;
    return (key === "description" || key === "summary") && typeof child === "string" ? markdownDoc(child) : convert(child);
  };
  return convert(value) as T;
}
