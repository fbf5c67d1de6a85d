/**
 * The documentation's examples that can run, run as written (bundled with their readme-test
 * declarations, in a child process; see test/support/readme-run.ts): the server of docs/library.md
 * answers each kind of request as a careful server must; the README's client runs against it; the
 * README's mock homeserver serves checked payloads, and its openapi-fetch example sends the access
 * token to it and checks what comes back; the README's `validate` command prints, for a fixture tree
 * like the one it describes, the output shown under it, and each transcript of the command
 * (`$ npx matrix-sync-contract …` and what it prints) prints what it shows; a block whose every
 * `console.log(…)` says what it prints in a comment (`// true`) prints just that.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSyncUrl, checkSyncResponse, examples, parseSyncRequest, parseSyncResponse, serializeSyncResponse } from "../src/index.js";
import { fixtureTree, runCli } from "./support/cli.js";
import { SyncHttpError } from "../src/client/index.js";
import { serve } from "./support/consumers/harness.js";
import { documentationBlocks, type ReadmeBlock } from "./support/readme-blocks.js";
import { blockId, isCompiled } from "./support/readme-compile.js";
import { startBlock, type RunningBlock } from "./support/readme-run.js";
import { repoRoot } from "./support/repo-copy.js";

const allBlocks = documentationBlocks(repoRoot);
const blocks = allBlocks.filter((block) => isCompiled(block) && block.skip === undefined);

/**
 * The one block of `file` under a heading (holding `text`, where a heading has several), compiled
 * unless `langs` says which languages: an example run below.
 */
function blockUnder(file: string, section: string, text = "", langs?: string[]): ReadmeBlock {
  const candidates = langs ? allBlocks.filter((block) => langs.includes(block.lang)) : blocks;
  const found = candidates.filter((block) => block.file === file && block.section === section && block.code.includes(text));
  if (found.length !== 1)
    throw new Error(
      `${file}: expected one ${langs?.join(" or ") ?? "compiled"} block under "${section}" holding "${text}", found ${found.length}`,
    );
  return found[0]!;
}

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
  const block = blockUnder("docs/library.md", "A server");
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
  const client = blockUnder("README.md", "Example");
  const globals = { since: "s1", accessToken: "token" };
  const requested = "/_matrix/client/v2_alpha/sync?since=s1&timeout=30000&access_token=token";

  it("gets a valid payload from the server example, and exits quietly", async () => {
    const server = await startBlock(blockUnder("docs/library.md", "A server"), {});
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

  it("throws a SyncHttpError for an answer other than 200, without checking it", async () => {
    const homeserver = await serve({});
    try {
      const run = await startBlock(client, { globals, homeserver: homeserver.url });
      expect(await run.exited).toBe(1);
      expect(run.fetched).toEqual([{ url: `https://matrix.example.org${requested}`, status: 404 }]);
      const error = new SyncHttpError(404, "");
      expect(run.stderr()).toContain(`\n${error.name}: ${error.message}\n`);
      expect(run.stderr()).not.toContain("schema:");
    } finally {
      await homeserver.close();
    }
  });
});

describe("the mock homeserver and the openapi-fetch middleware, run as written", () => {
  let mock: RunningBlock;
  let origin: string;
  beforeAll(async () => {
    mock = await startBlock(blockUnder("README.md", "Mock homeserver"), {});
    origin = `http://127.0.0.1:${await mock.listening}`;
  });
  afterAll(() => mock?.stop());

  it("serves a payload that passes checkSyncResponse with no issue at all to a request with a token", async () => {
    const response = await fetch(`${origin}${SYNC_PATH}?access_token=token`);
    expect([response.status, response.headers.get("content-type")]).toEqual([200, JSON_TYPE]);
    expect(checkSyncResponse(await response.json()).issues).toEqual([]);
  });

  it("answers a request without a token as a homeserver does", async () => {
    const response = await fetch(origin + SYNC_PATH);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 401,
      body: { errcode: "M_MISSING_TOKEN", error: "Missing access token" },
    });
  });

  const middleware = blockUnder("README.md", "Sync client and openapi-fetch", "syncContract");
  const sent = "http://127.0.0.1:8008/_matrix/client/v2_alpha/sync?timeout=0&access_token=token";

  it("sends the access token as the spec's query parameter and, the payload being clean, prints its next_batch and nothing else", async () => {
    // The mock answers every first sync (no since) with the same payload.
    const first = (await (await fetch(`${origin}${SYNC_PATH}?access_token=token`)).json()) as { next_batch: string };
    const run = await startBlock(middleware, { homeserver: origin });
    expect(await run.exited).toBe(0);
    expect({ stdout: run.stdout(), stderr: run.stderr(), fetched: run.fetched }).toEqual({
      stdout: `${first.next_batch}\n`,
      stderr: "",
      fetched: [{ url: sent, status: 200 }],
    });
  });

  it("hands the issues of a payload that breaks the contract to onIssues", async () => {
    const text = JSON.stringify(BROKEN);
    const homeserver = await serve({ [SYNC_PATH]: { type: JSON_TYPE, body: text } });
    try {
      const run = await startBlock(middleware, { homeserver: homeserver.url });
      expect(await run.exited).toBe(0);
      expect(homeserver.requests).toEqual([`${SYNC_PATH}?timeout=0&access_token=token`]);
      expect({ stdout: run.stdout(), stderr: run.stderr() }).toEqual({
        stdout: `${BROKEN.next_batch}\n`,
        stderr: `${inspect(parseSyncResponse(text).issues)}\n`,
      });
    } finally {
      await homeserver.close();
    }
  });
});

describe("the README's validate command, run as written", () => {
  const [command, output, ...others] = allBlocks.filter(
    (block) => block.file === "README.md" && block.section === "The command: validate fixtures",
  );
  // 41 valid fixtures and one whose timeline says "limited": "no" at line 8, column 22.
  const broken = {
    next_batch: "s1",
    rooms: { joined: { "!room:example.org": { event_map: {}, timeline: { limited: "no" } } } },
  };

  it("prints the output the README shows under it, and exits 1", () => {
    expect([command?.lang, output?.lang, others.map((block) => block.lang)]).toEqual(["sh", "text", ["json"]]);
    const [npx, name, ...args] = command!.code.split(" ");
    expect([npx, name]).toEqual(["npx", "matrix-sync-contract"]);
    const valid = `${JSON.stringify(examples.SyncResponse, null, 2)}\n`;
    const tree = fixtureTree({
      ...Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`fixtures/sync/valid-${i}.json`, valid])),
      "fixtures/sync/limited.json": `${JSON.stringify(broken, null, 2)}\n`,
    });
    try {
      expect(runCli(args, { cwd: tree.root })).toEqual({ status: 1, stdout: `${output!.code}\n`, stderr: "" });
    } finally {
      tree.remove();
    }
  });
});

describe("the documentation's transcripts of the command, run as written", () => {
  const PROMPT = "$ npx matrix-sync-contract ";
  const transcripts = allBlocks.filter((block) => ["text", "console"].includes(block.lang) && block.code.startsWith(PROMPT));

  it("include the usage error of docs/command.md", () => {
    expect(transcripts.map((block) => blockId(block))).toContain(blockId(blockUnder("docs/command.md", "Usage errors", "", ["text"])));
  });

  it.each(transcripts.map((block) => [blockId(block), block] as const))("%s", (_, block) => {
    const [command, ...output] = block.code.split("\n");
    const tree = fixtureTree({ "fixtures/sync.json": JSON.stringify(examples.SyncResponse) });
    try {
      const result = runCli(command!.slice(PROMPT.length).split(" "), { cwd: tree.root });
      expect(result.stdout + result.stderr).toBe(`${output.join("\n")}\n`);
    } finally {
      tree.remove();
    }
  });
});

/** What a block prints, by its `console.log(…); // <what>` comments (a JSON string comment is the text it holds); undefined when a call has none. */
function printed(block: ReadmeBlock): string[] | undefined {
  const calls = block.code.split("\n").filter((line) => /\bconsole\.log\(/.test(line));
  const said = calls.map((line) => /\);\s*\/\/\s*(.+)$/.exec(line)?.[1]);
  if (calls.length === 0 || said.includes(undefined)) return undefined;
  return said.map((text) => (text!.startsWith('"') ? (JSON.parse(text!) as string) : text!));
}

describe("the documentation's examples that say what they print, run as written", () => {
  const printing = blocks.filter((block) => block.prelude === "" && printed(block) !== undefined);

  it("are the frozen examples, the rules turned off and the two Ajv examples", () => {
    expect(printing.map((block) => `${blockId(block)} under ${block.section}`)).toEqual([
      expect.stringMatching(/^docs\/library\.md:\d+ under The examples are frozen$/),
      expect.stringMatching(/^docs\/library\.md:\d+ under What a check costs$/),
      expect.stringMatching(/^docs\/schemas\.md:\d+ under Ajv$/),
      expect.stringMatching(/^docs\/schemas\.md:\d+ under Ajv$/),
    ]);
  });

  it.each(printing.map((block) => [blockId(block), block] as const))("%s", async (_, block) => {
    const run = await startBlock(block, {});
    expect({ exit: await run.exited, stdout: run.stdout(), stderr: run.stderr() }).toEqual({
      exit: 0,
      stdout: `${printed(block)!.join("\n")}\n`,
      stderr: "",
    });
  });
});
