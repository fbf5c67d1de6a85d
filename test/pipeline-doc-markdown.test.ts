/**
 * scripts/generate/doc-markdown.ts: the spec's reStructuredText descriptions as the Markdown doc
 * comments of generated/types.ts and generated/openapi.ts, the JSON outputs keeping the spec's text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { markdownDoc, withMarkdownDocs } from "../scripts/generate/doc-markdown.js";
import { repoRoot } from "./support/repo-copy.js";

const generated = (path: string) => readFileSync(join(repoRoot, "generated", path), "utf8");

describe("markdownDoc", () => {
  it("turns RST's double backticks into single ones", () => {
    expect(markdownDoc("The ``since`` param of the next ``/sync`` request.")).toBe("The `since` param of the next `/sync` request.");
  });

  it("mends a literal opened with one backtick and closed with two, as the spec writes `sender``", () => {
    expect(markdownDoc("only the `sender``,\n``type`` keys")).toBe("only the `sender`, `type` keys");
  });

  it("joins the hard-wrapped lines of a paragraph, and keeps blank lines as paragraph breaks", () => {
    expect(markdownDoc("The state of a room\n  that the user has been invited\nto.\n\nSecond one,\nwrapped.\n \nThird.")).toBe(
      "The state of a room that the user has been invited to.\n\nSecond one, wrapped.\n\nThird.",
    );
  });

  it("keeps each list item on its own line, joining the lines that continue it", () => {
    expect(markdownDoc("Either:\n- one thing,\n  wrapped\n* another\n1. a third\n2) a fourth")).toBe(
      "Either:\n- one thing, wrapped\n* another\n1. a third\n2) a fourth",
    );
  });

  it("leaves a single line without double backticks as it is", () => {
    expect(markdownDoc("When `limited` is true, a token.")).toBe("When `limited` is true, a token.");
  });
});

describe("withMarkdownDocs", () => {
  it("converts every description and summary at any depth, and nothing else", () => {
    const document = {
      summary: "A\nsummary.",
      paths: { get: { description: "``x``\nwrapped", parameters: [{ description: "p\nq", example: "a\nb" }] } },
      properties: { description: { type: "string", description: "The\nkey named description." } },
      examples: { response: { value: { description: "an example\nkeeps its text" } } },
      title: "A ``title``",
    };
    expect(withMarkdownDocs(document)).toEqual({
      summary: "A summary.",
      paths: { get: { description: "`x` wrapped", parameters: [{ description: "p q", example: "a\nb" }] } },
      properties: { description: { type: "string", description: "The key named description." } },
      examples: { response: { value: { description: "an example\nkeeps its text" } } },
      title: "A ``title``",
    });
    expect(document.paths.get.description).toBe("``x``\nwrapped");
  });
});

describe("the generated doc comments", () => {
  it("are Markdown in types.ts and openapi.ts, while the JSON documents keep the spec's text", () => {
    for (const file of ["types.ts", "openapi.ts"]) expect(generated(file)).not.toContain("``");
    expect(generated("types.ts")).toContain("   * The batch token to supply in the `since` param of the next `/sync` request.\n");
    expect(generated("openapi.ts")).toContain("The batch token to supply in the `since` param of the next `/sync` request.");
    const spec = "The batch token to supply in the ``since`` param of the next\\n``/sync`` request.";
    for (const file of ["openapi.json", "schemas/SyncResponse.json", "schemas/2020-12/SyncResponse.json"])
      expect(generated(file)).toContain(spec);
  });
});
