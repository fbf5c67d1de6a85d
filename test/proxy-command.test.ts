/**
 * `matrix-sync-contract proxy` as a real process in front of the mock on loopback: its reports in each
 * format, the record replayed with `validate`, the token kept out of everything it writes, and the
 * summary and exit code on SIGINT and SIGTERM.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSyncUrl } from "../src/index.js";
import { createSyncHandler, toNodeHandler, type SyncHandler } from "../src/mock/index.js";
import { runCli } from "./support/cli.js";
import { listenOnLoopback, type Loopback } from "./support/loopback.js";
import { repoRoot } from "./support/repo-copy.js";
import { startCommand } from "./support/serve-command.js";

const TOKEN = "RECOGNISABLE-proxy-command-token-51ab";
const SYNC = "/_matrix/client/v2_alpha/sync";
const RULES = "event-map-reference, event-map-unreferenced, invite-state-keys, archived-no-ephemeral, limited-prev-batch, unknown-key";
const upstreams: { server: Loopback; handler: SyncHandler }[] = [];
let dir: string;

async function mock(options: Parameters<typeof createSyncHandler>[0]): Promise<string> {
  const handler = createSyncHandler({ source: "examples", accessToken: TOKEN, ...options });
  const server = await listenOnLoopback(toNodeHandler(handler));
  upstreams.push({ server, handler });
  return server.origin;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "matrix-sync-contract-proxy-"));
});

afterAll(async () => {
  for (const { server, handler } of upstreams) {
    handler.close();
    await server.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
};

describe("matrix-sync-contract proxy", () => {
  it("reports each exchange, records each payload, and on SIGINT prints the summary and exits 1 after a failure", async () => {
    const record = join(dir, "record.ndjson");
    const clean = await mock({ batches: 2 });
    const command = await startCommand(["proxy", "--upstream", clean, "--port", "0", "--record", record]);
    const first = await get(buildSyncUrl(command.origin, { timeout: 0 }, { accessToken: TOKEN }));
    expect(first).toEqual(await get(buildSyncUrl(clean, { timeout: 0 }, { accessToken: TOKEN })));
    const since = JSON.parse(first.text).next_batch as string;
    await get(buildSyncUrl(command.origin, { since }, { accessToken: TOKEN }));
    await get(`${command.origin}${SYNC}?timeout=soon&access_token=${TOKEN}`);
    await get(`${command.origin}/_matrix/client/v2_alpha/other?access_token=${TOKEN}`);
    await command.lines(5);
    const { status, stdout, stderr } = await command.stop("SIGINT");
    expect({ status, stderr }).toEqual({ status: 1, stderr: "" });
    expect(stdout.split("\n")).toEqual([
      `listening on ${command.origin}`,
      expect.stringMatching(new RegExp(`^GET ${SYNC}\\?timeout=0 200 ${Buffer.byteLength(first.text)} bytes \\d+ ms: passed$`)),
      expect.stringMatching(new RegExp(`^GET ${SYNC}\\?since=${since} 200 \\d+ bytes \\d+ ms: passed$`)),
      expect.stringMatching(new RegExp(`^GET ${SYNC}\\?timeout=soon 400 \\d+ bytes \\d+ ms: failed$`)),
      '  (root): timeout: must be an integer, not "soon" (request:query)',
      expect.stringMatching(/^GET \/_matrix\/client\/v2_alpha\/other 404 \d+ bytes \d+ ms: forwarded$/),
      "2 passed, 1 failed",
      "",
    ]);
    const recorded = readFileSync(record, "utf8");
    expect(recorded.split("\n").map((line) => (line === "" ? line : JSON.parse(line).next_batch))).toEqual([
      since,
      expect.stringMatching(/^s2_/),
      "",
    ]);
    expect(`${stdout}${stderr}${recorded}`).not.toContain(TOKEN);
    // The record replays with validate.
    expect(runCli(["validate", record], { cwd: repoRoot })).toMatchObject({ status: 0, stdout: "2 passed, 0 failed\n" });
  });

  it("goes on forwarding, checking and recording when the reader of its reports goes away (| head -1), and exits 1 after a failure", async () => {
    const record = join(dir, "unread.ndjson");
    const upstream = await mock({ fault: "type:Timeline.limited" });
    const command = await startCommand(["proxy", "--upstream", upstream, "--port", "0", "--record", record]);
    command.closeStdout();
    // An exchange reported at once (no body to check): its report's write finds no reader.
    expect((await get(`${command.origin}/_matrix/client/v2_alpha/other?access_token=${TOKEN}`)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const url = buildSyncUrl(command.origin, {}, { accessToken: TOKEN });
    expect((await get(url)).status).toBe(200);
    expect((await get(url)).status).toBe(200);
    const { status, stderr } = await command.stop("SIGINT");
    expect({ status, stderr }).toEqual({ status: 1, stderr: "" });
    expect(
      readFileSync(record, "utf8")
        .split("\n")
        .map((line) => (line === "" ? line : JSON.parse(line).rooms.joined["mock-fault"])),
    ).toEqual([{ timeline: { limited: "mock fault" } }, { timeline: { limited: "mock fault" } }, ""]);
  });

  it("exits 0 on SIGTERM when every exchange passed, with a warning under the default rules", async () => {
    const command = await startCommand(["proxy", "--upstream", await mock({ fault: "rule:limited-prev-batch" }), "--port", "0"]);
    await get(buildSyncUrl(command.origin, {}, { accessToken: TOKEN }));
    await command.lines(3);
    const { status, stdout, stderr } = await command.stop("SIGTERM");
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(stdout.split("\n").slice(1)).toEqual([
      expect.stringMatching(/ 200 \d+ bytes \d+ ms: passed$/),
      "  warning /rooms/joined/mock-fault/timeline: a limited timeline has no prev_batch to fetch the earlier events with (limited-prev-batch)",
      "1 passed, 0 failed, 1 warning",
      "",
    ]);
  });

  it.each([
    [
      ["--max-warnings", "0"],
      1,
      "passed",
      "1 passed, 0 failed, 1 warning",
      "matrix-sync-contract: 1 warnings, more than --max-warnings 0\n",
    ],
    [["--max-warnings", "1"], 0, "passed", "1 passed, 0 failed, 1 warning", ""],
    [["--rule", "limited-prev-batch=off"], 0, "passed", "1 passed, 0 failed", ""],
    [["--rule", "limited-prev-batch=error"], 1, "failed", "0 passed, 1 failed", ""],
    [["--no-rules", "--max-warnings", "0"], 0, "passed", "1 passed, 0 failed", ""],
  ])("with %j, a payload with one warning gives exit %i, is %s, and the summary is %j", async (args, code, verdict, summary, stderr) => {
    const command = await startCommand(["proxy", "--upstream", await mock({ fault: "rule:limited-prev-batch" }), "--port", "0", ...args]);
    await get(buildSyncUrl(command.origin, {}, { accessToken: TOKEN }));
    await command.lines(2);
    const result = await command.stop("SIGINT");
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: code, stderr });
    const lines = result.stdout.trimEnd().split("\n");
    expect([lines[1]!.replace(/.*: /, ""), lines.at(-1)]).toEqual([verdict, summary]);
  });

  it.each([
    [[], 1, "failed", "0 passed, 1 failed", ""],
    [
      ["--rule", "limited-prev-batch=warning"],
      1,
      "passed",
      "1 passed, 0 failed, 1 warning",
      "1 warnings, more than maxWarnings 0 in the config",
    ],
    [["--rule", "limited-prev-batch=warning", "--max-warnings", "1"], 0, "passed", "1 passed, 0 failed, 1 warning", ""],
  ])("reads the config validate reads, flags over it: with %j, exit %i, %s, %j", async (args, code, verdict, summary, warning) => {
    const project = join(dir, `config-${args.length}`);
    mkdirSync(project);
    const config = { rules: { "limited-prev-batch": "error" }, maxWarnings: 0, maxIssues: 1, schema: "Timeline" };
    writeFileSync(join(project, "matrix-sync-contract.config.json"), JSON.stringify(config));
    const upstream = await mock({ fault: "rule:limited-prev-batch" });
    const command = await startCommand(["proxy", "--upstream", upstream, "--port", "0", ...args], project);
    await get(buildSyncUrl(command.origin, {}, { accessToken: TOKEN }));
    await command.lines(2);
    const result = await command.stop("SIGINT");
    const lines = result.stdout.trimEnd().split("\n");
    expect([result.status, lines[1]!.replace(/.*: /, ""), lines.at(-1), result.stderr]).toEqual([
      code,
      verdict,
      summary,
      warning === "" ? "" : `matrix-sync-contract: ${warning}\n`,
    ]);
  });

  it("takes strict from the config, and refuses a config that is wrong, naming the file and where", async () => {
    const project = join(dir, "package-config");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "p", "matrix-sync-contract": { strict: true } }));
    const command = await startCommand(
      ["proxy", "--upstream", await mock({ source: [{ next_batch: "n", account_data: {} }] }), "--port", "0"],
      project,
    );
    await get(buildSyncUrl(command.origin, {}, { accessToken: TOKEN }));
    await command.lines(3);
    expect((await command.stop("SIGINT")).stdout.split("\n")[2]).toMatch(/^ {2}warning \/account_data: .* \(unknown-key\)$/);
    writeFileSync(join(project, "package.json"), JSON.stringify({ "matrix-sync-contract": { strict: "yes" } }));
    expect(runCli(["proxy", "--upstream", "http://127.0.0.1:1"], { cwd: project })).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'matrix-sync-contract: package.json at /matrix-sync-contract/strict: takes true or false, not "yes"\n' +
        "Run matrix-sync-contract --help for usage.\n",
    });
  });

  it("reports the keys the spec does not name with --strict, as warnings unless --rule says otherwise", async () => {
    const upstream = await mock({ source: [{ rooms: { joined: { "!r": { account_data: { events: [] } } } } }] });
    for (const [args, outcome] of [
      [["--strict"], "passed"],
      [["--strict", "--rule", "unknown-key=error"], "failed"],
    ] as const) {
      const command = await startCommand(["proxy", "--upstream", upstream, "--port", "0", ...args]);
      await get(buildSyncUrl(command.origin, {}, { accessToken: TOKEN }));
      await command.lines(3);
      const lines = (await command.stop("SIGINT")).stdout.split("\n");
      expect(lines[1]).toMatch(new RegExp(`: ${outcome}$`));
      expect(lines[2]).toMatch(/^ {2}(warning )?\/rooms\/joined\/!r\/account_data: .* \(unknown-key\)$/);
    }
  });

  it("writes one JSON object per exchange with --format json, and the totals last", async () => {
    const command = await startCommand([
      "proxy",
      "--upstream",
      await mock({ fault: "type:Timeline.limited" }),
      "--port",
      "0",
      "--format",
      "json",
    ]);
    await get(buildSyncUrl(command.origin, {}, { accessToken: TOKEN }));
    await command.lines(2);
    const { status, stdout } = await command.stop("SIGINT");
    expect(status).toBe(1);
    const [, exchange, totals] = stdout
      .trimEnd()
      .split("\n")
      .map((line, i) => (i === 0 ? line : JSON.parse(line)));
    expect(exchange).toEqual({
      method: "GET",
      target: SYNC,
      status: 200,
      bytes: expect.any(Number),
      ms: expect.any(Number),
      sync: true,
      passed: false,
      issues: [
        { pointer: "/rooms/joined/mock-fault/timeline/limited", message: "must be boolean", rule: "schema:type", severity: "error" },
      ],
      truncated: false,
    });
    expect(totals).toEqual({ passed: 0, failed: 1, warnings: 0 });
  });

  it("writes GitHub annotations with --format github, and 502s for an upstream that refuses", async () => {
    const gone = await listenOnLoopback(() => {});
    await gone.close();
    const command = await startCommand(["proxy", "--upstream", gone.origin, "--port", "0", "--format", "github"]);
    const answer = await get(buildSyncUrl(command.origin, {}, { accessToken: TOKEN }));
    expect(answer).toEqual({
      status: 502,
      text: '{"errcode":"M_UNKNOWN","error":"the upstream homeserver failed: connection refused (ECONNREFUSED)"}',
    });
    await command.lines(2);
    const { status, stdout } = await command.stop("SIGINT");
    expect(status).toBe(1);
    expect(stdout.split("\n").slice(1)).toEqual([
      `::error title=upstream::GET ${SYNC}: upstream failed: connection refused (ECONNREFUSED)`,
      "0 passed, 1 failed",
      "",
    ]);
  });

  it.each([
    [[], "proxy needs --upstream <url>, the homeserver to forward to"],
    [["--upstream", "ftp://x"], '--upstream takes an http or https URL without credentials or query, not "ftp://x"'],
    [["--upstream", "http://u:p@x"], '--upstream takes an http or https URL without credentials or query, not "http://u:p@x"'],
    [["--upstream", "http://x", "--rule", "nope=off"], `--rule "nope=off" names no rule "nope"; the rules are: ${RULES}`],
    [["--upstream", "http://x", "--rule", "limited-prev-batch=off", "--no-rules"], "--rule and --no-rules do not go together"],
    [["--upstream", "http://x", "--format", "junit"], '--format: unknown format "junit"; the formats are: pretty, json, github'],
    [["--upstream", "http://x", "--max-issues", "0"], '--max-issues takes a whole number from 1 to 9007199254740991, not "0"'],
    [["--upstream", "http://x", "--max-warnings=-1"], '--max-warnings takes a whole number from 0 to 9007199254740991, not "-1"'],
    [["--upstream", "http://x", "--record", "/nonexistent-dir/r.ndjson"], 'cannot write the record "/nonexistent-dir/r.ndjson": ENOENT'],
  ])("refuses %j with exit 2 and one line saying why", (args, message) => {
    const result = runCli(["proxy", ...args], { cwd: repoRoot });
    expect(result).toEqual({
      status: 2,
      stdout: "",
      stderr: `matrix-sync-contract: ${message}\nRun matrix-sync-contract --help for usage.\n`,
    });
  });
});
