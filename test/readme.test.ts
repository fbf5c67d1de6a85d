/**
 * README.md's code, held to what it says. Every TypeScript and JavaScript block compiles as written,
 * all in one program against the package's sources; every JSON and YAML block parses; the server
 * example runs as written and answers each kind of request as a careful server must, and the client
 * example runs against it. A new block is picked up by its fence alone; what a block leaves to its
 * reader (a `payload`, a `buildResponse`) comes from a hidden `<!-- readme-test: … -->` comment right
 * before it (see test/support/readme-blocks.ts). Each failure names the README line.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../lib/json-text.js";
import { buildSyncUrl, examples, parseSyncRequest, serializeSyncResponse } from "../src/index.js";
import { serve } from "./support/consumers/harness.js";
import { readmeBlocks, type ReadmeBlock } from "./support/readme-blocks.js";
import { compileBlocks, isCompiled, type Compiled } from "./support/readme-compile.js";
import { startBlock, type RunningBlock } from "./support/readme-run.js";
import { repoRoot } from "./support/repo-copy.js";

const blocks = readmeBlocks(readFileSync(join(repoRoot, "README.md"), "utf8"));
const compiled = blocks.filter((block) => isCompiled(block) && block.skip === undefined);
const skipped = blocks.filter((block) => isCompiled(block) && block.skip !== undefined);

const title = (block: ReadmeBlock) => `README.md:${block.line} (${block.lang}, under “${block.section}”)`;

/** The one compiled block under a heading: the examples that the tests below run. */
function blockUnder(section: string): ReadmeBlock {
  const found = compiled.filter((block) => block.section === section);
  if (found.length !== 1)
    throw new Error(`README.md: expected one TypeScript or JavaScript block under "${section}", found ${found.length}`);
  return found[0]!;
}

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
    expect(readmeBlocks(markdown)).toEqual([
      { line: 3, lang: "ts", code: "a;", section: "Title", prelude: "declare const a: number;" },
      { line: 11, lang: "js", code: "b;\n ```", section: "Section", prelude: "", skip: "a fragment" },
      { line: 15, lang: "", code: "plain", section: "Section", prelude: "" },
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
  });

  it("places each compiler error at its README line, or in the comment that declares for the block", () => {
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
    const { errors, general } = compileBlocks(readmeBlocks(checked));
    expect(general).toEqual([]);
    expect(Object.fromEntries(errors)).toEqual({
      2: ["README.md:3:7: TS2322: Type 'number' is not assignable to type 'string'."],
      5: ["README.md:6:10: TS2305: Module '\"matrix-sync-contract\"' has no exported member 'nothing'."],
      8: ["README.md:10:1: TS2554: Expected 1-2 arguments, but got 0."],
      15: ["README.md:15 (its readme-test comment): TS2304: Cannot find name 'Nope'."],
    });
  }, 120_000);
});

describe("README.md's TypeScript and JavaScript blocks compile as written", () => {
  let result: Compiled;
  beforeAll(() => void (result = compileBlocks(compiled)), 120_000);

  it("with no error in the options or outside the blocks' files", () => {
    expect(result.general).toEqual([]);
  });

  it.each(compiled.map((block) => [title(block), block] as const))("%s", (_, block) => {
    expect(result.errors.get(block.line)).toEqual([]);
  });

  it.for(skipped.map((block) => [`${title(block)} is not compiled`, block] as const))("%s", ([, block], context) => {
    context.skip(`${title(block)}: ${block.skip}`);
  });
});

describe("README.md's data blocks parse", () => {
  const yaml = blocks.filter((block) => block.lang === "yaml" || block.lang === "yml");
  const json = blocks.filter((block) => block.lang === "json");

  it.each(yaml.map((block) => [title(block), block] as const))("%s", (_, block) => {
    const errors = parseDocument(block.code).errors.map(
      (error) => `README.md:${block.line + (error.linePos?.[0].line ?? 1)}:${error.linePos?.[0].col ?? 1}: ${error.code}`,
    );
    expect(errors).toEqual([]);
  });

  it.each(json.map((block) => [title(block), block] as const))("%s", (_, block) => {
    const parsed = parseJson(block.code);
    expect(parsed.ok ? [] : [`README.md:${block.line + parsed.position.line}:${parsed.position.column}: ${parsed.message}`]).toEqual([]);
  });
});

// The /sync path and a valid query, as the contract builds them; the server example must answer both.
const SYNC = new URL(buildSyncUrl("http://localhost", { since: "s1", timeout: 0 }, { accessToken: "token" }));
const SYNC_PATH = SYNC.pathname;
/** A payload that breaks the contract (`next_batch` must be a string), as the server's own code might build. */
const BROKEN = { next_batch: 5 };
const thrownBy = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected it to throw");
};

const JSON_TYPE = "application/json";
const UNRECOGNIZED = { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" };
const SERVER_ERROR = { errcode: "M_UNKNOWN", error: "Internal server error" };
const badQuery = parseSyncRequest(`${SYNC_PATH}?timeout=soon`);
if (badQuery.ok) throw new Error("?timeout=soon should be a bad request");

describe("the server example, run as written", () => {
  const block = blockUnder("A server");
  let server: RunningBlock;
  let origin: string;
  beforeAll(async () => {
    server = await startBlock(block, { responses: { broken: BROKEN }, failingSince: "failing" });
    origin = `http://127.0.0.1:${await server.listening}`;
  });
  afterAll(() => server?.stop());

  const request = async (path: string, method = "GET") => {
    const response = await fetch(origin + path, { method });
    return { status: response.status, type: response.headers.get("content-type"), body: JSON.parse(await response.text()) as unknown };
  };

  it.each([
    ["a valid /sync request: the payload", SYNC.pathname + SYNC.search, "GET", 200, examples.SyncResponse],
    ["a query that breaks SyncQuery: parseSyncRequest's answer", `${SYNC_PATH}?timeout=soon`, "GET", badQuery.status, badQuery.body],
    ["another path: 404", `${SYNC_PATH.replace(/sync$/, "rooms")}`, "GET", 404, UNRECOGNIZED],
    ["a path that only starts like /sync: 404", `${SYNC_PATH}/x?since=s1`, "GET", 404, UNRECOGNIZED],
    ["another method on /sync: 404", SYNC_PATH, "POST", 404, UNRECOGNIZED],
    ["a payload that breaks the contract: 500", `${SYNC_PATH}?since=broken`, "GET", 500, SERVER_ERROR],
    ["a bug in buildResponse: 500", `${SYNC_PATH}?since=failing`, "GET", 500, SERVER_ERROR],
  ] as const)("%s", async (_, path, method, status, body) => {
    expect(await request(path, method)).toEqual({ status, type: JSON_TYPE, body });
  });

  it("is still serving afterwards, and has logged each failure, the contract's with its issues", async () => {
    expect(server.alive()).toBe(true);
    expect(await request(SYNC.pathname + SYNC.search)).toEqual({ status: 200, type: JSON_TYPE, body: examples.SyncResponse });
    await server.stop();
    // Stopped, so that everything it wrote has arrived.
    const [contract, bug] = server.stderr().split(/\n(?=Error: )/);
    expect(contract).toBe(thrownBy(() => serializeSyncResponse(BROKEN as never)));
    expect(bug).toMatch(/^Error: buildResponse failed for since=failing\n( {4}at .+\n)+$/);
    expect(server.stdout()).toBe("");
  });
});

describe("the client example, run as written", () => {
  const client = blockUnder("A client");
  const globals = { since: "s1", accessToken: "token" };
  const requested = "/_matrix/client/v2_alpha/sync?since=s1&timeout=30000&access_token=token";

  it("gets a valid payload from the server example, and exits quietly", async () => {
    const server = await startBlock(blockUnder("A server"), {});
    try {
      const homeserver = `http://127.0.0.1:${await server.listening}`;
      const run = await startBlock(client, { globals, homeserver });
      expect(await run.exited).toBe(0);
      expect({ stdout: run.stdout(), stderr: run.stderr() }).toEqual({ stdout: "", stderr: "" });
      expect(run.fetched).toEqual([{ url: `https://matrix.example.org${requested}`, status: 200 }]);
    } finally {
      await server.stop();
    }
  });

  it("reports each issue of a payload that breaks the contract, and throws", async () => {
    const homeserver = await serve({ [SYNC_PATH]: { type: JSON_TYPE, body: JSON.stringify(BROKEN) } });
    try {
      const run = await startBlock(client, { globals, homeserver: homeserver.url });
      expect(await run.exited).toBe(1);
      expect(homeserver.requests).toEqual([requested]);
      expect(run.stderr()).toMatch(
        /^\/next_batch: must be string \(schema:type\)\n[\s\S]*\nError: the homeserver broke the \/sync contract\n/,
      );
    } finally {
      await homeserver.close();
    }
  });
});
