/**
 * The documentation's code, held to what it says: README.md, CONTRIBUTING.md and docs/*.md. Every
 * TypeScript and JavaScript block compiles as written, all in one program against the package's
 * sources; every JSON and YAML block parses. (test/readme-examples.test.ts runs the examples that
 * can run.) A new block is picked up by its fence alone; what a block leaves to its reader (a
 * `payload`, a `buildResponse`) comes from a hidden `<!-- readme-test: … -->` comment right before it
 * (see test/support/readme-blocks.ts). Each failure names the file and the line.
 */
import { parseDocument } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../lib/json-text.js";
import { documentationBlocks, documentationFiles, readmeBlocks, type ReadmeBlock } from "./support/readme-blocks.js";
import { blockId, compileBlocks, isCompiled, type Compiled } from "./support/readme-compile.js";
import { repoRoot } from "./support/repo-copy.js";

const blocks = documentationBlocks(repoRoot);
const compiled = blocks.filter((block) => isCompiled(block) && block.skip === undefined);
const skipped = blocks.filter((block) => isCompiled(block) && block.skip !== undefined);

const title = (block: ReadmeBlock) => `${blockId(block)} (${block.lang}, under “${block.section}”)`;

describe("the documentation files", () => {
  it("are README.md, CONTRIBUTING.md and each Markdown file of docs/", () => {
    expect(documentationFiles(repoRoot)).toEqual([
      "README.md",
      "CONTRIBUTING.md",
      ...["benchmarks", "command", "editing-the-spec", "library", "live", "naming", "pipeline", "rules", "schemas", "testing"].map(
        (name) => `docs/${name}.md`,
      ),
    ]);
  });

  it("hold compiled blocks in README.md and in docs/", () => {
    const files = new Set(compiled.map((block) => block.file));
    expect([files.has("README.md"), files.has("docs/library.md")]).toEqual([true, true]);
  });
});

describe("reading the blocks and their readme-test comments", () => {
  const markdown = [
    "# Title",
    "<!-- readme-test: declare const a: number; -->",
    "```TS",
    "a;",
    "```",
    "## Section",
    "<!-- readme-test:",
    "skip: a fragment",
    "-->",
    "",
    "  ~~~~js extra words",
    "  b;",
    "   ```",
    "  ~~~~",
    "```",
    "plain",
    "```",
  ].join("\n");

  it("gives each block its line, language, code, heading and what its comment says", () => {
    expect(readmeBlocks(markdown, "docs/x.md")).toEqual([
      { file: "docs/x.md", line: 3, end: 5, lang: "ts", code: "a;", section: "Title", prelude: "declare const a: number;" },
      { file: "docs/x.md", line: 11, end: 14, lang: "js", code: "b;\n ```", section: "Section", prelude: "", skip: "a fragment" },
      { file: "docs/x.md", line: 15, end: 17, lang: "", code: "plain", section: "Section", prelude: "" },
    ]);
  });

  it.each([
    [
      "a comment away from its block",
      "<!-- readme-test: declare const a: 1; -->\ntext\n```ts\n```",
      "README.md:1: a readme-test comment must come right before a code block",
    ],
    [
      "a comment at the end",
      "```ts\n```\n<!-- readme-test: declare const a: 1; -->",
      "README.md:3: a readme-test comment must come right before a code block",
    ],
    [
      "a skip without a reason",
      "\n<!-- readme-test: skip -->\n```ts\n```",
      "README.md:2: a skipped code block needs a reason (readme-test: skip: <why>)",
    ],
    ["a block never closed", "text\n```ts\na;\n", "README.md:2: the code block is never closed"],
    ["a comment never closed", "<!-- readme-test: skip: x\n```ts\n```", "README.md:1: the readme-test comment is never closed"],
  ])("rejects %s, naming the line", (_, text, message) => {
    expect(() => readmeBlocks(text)).toThrow(new Error(message));
    expect(() => readmeBlocks(text, "docs/x.md")).toThrow(new Error(message.replace("README.md", "docs/x.md")));
  });

  it("places each compiler error at its line of its file, or in the comment that declares for the block", () => {
    const checked = [
      "<!-- readme-test: declare const count: number; -->",
      "```ts",
      "const text: string = count;",
      "```",
      "```js",
      'import { nothing } from "matrix-sync-contract";',
      "```",
      "```js",
      'const { checkSyncResponse } = require("matrix-sync-contract");',
      "checkSyncResponse();",
      "```",
      "<!-- readme-test:",
      "declare const value: Nope;",
      "-->",
      "```ts",
      "export const same = value;",
      "```",
    ].join("\n");
    const { errors, general } = compileBlocks([...readmeBlocks(checked), ...readmeBlocks(checked, "docs/x.md")]);
    expect(general).toEqual([]);
    const expected = (file: string) => ({
      [`${file}:2`]: [`${file}:3:7: TS2322: Type 'number' is not assignable to type 'string'.`],
      [`${file}:5`]: [`${file}:6:10: TS2305: Module '"matrix-sync-contract"' has no exported member 'nothing'.`],
      [`${file}:8`]: [`${file}:10:1: TS2554: Expected 1-2 arguments, but got 0.`],
      [`${file}:15`]: [`${file}:15 (its readme-test comment): TS2304: Cannot find name 'Nope'.`],
    });
    expect(Object.fromEntries(errors)).toEqual({ ...expected("README.md"), ...expected("docs/x.md") });
  }, 120_000);
});

describe("the documentation's TypeScript and JavaScript blocks compile as written", () => {
  let result: Compiled;
  beforeAll(() => void (result = compileBlocks(compiled)), 120_000);

  it("with no error in the options or outside the blocks' files", () => {
    expect(result.general).toEqual([]);
  });

  it.each(compiled.map((block) => [title(block), block] as const))("%s", (_, block) => {
    expect(result.errors.get(blockId(block))).toEqual([]);
  });

  it.for(skipped.map((block) => [`${title(block)} is not compiled`, block] as const))("%s", ([, block], context) => {
    context.skip(`${title(block)}: ${block.skip}`);
  });
});

describe("the documentation's data blocks parse", () => {
  const yaml = blocks.filter((block) => block.lang === "yaml" || block.lang === "yml");
  const json = blocks.filter((block) => block.lang === "json");

  it.each(yaml.map((block) => [title(block), block] as const))("%s", (_, block) => {
    const errors = parseDocument(block.code).errors.map(
      (error) => `${block.file}:${block.line + (error.linePos?.[0].line ?? 1)}:${error.linePos?.[0].col ?? 1}: ${error.code}`,
    );
    expect(errors).toEqual([]);
  });

  it.each(json.map((block) => [title(block), block] as const))("%s", (_, block) => {
    const parsed = parseJson(block.code);
    expect(parsed.ok ? [] : [`${block.file}:${block.line + parsed.position.line}:${parsed.position.column}: ${parsed.message}`]).toEqual(
      [],
    );
  });
});
