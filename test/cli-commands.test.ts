/** The command's other faces: --help, --version, `example`, and usage errors, which exit 2 with no stack trace. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { examples } from "../generated/examples.js";
import { runCli } from "./support/cli.js";
import { repoRoot } from "./support/repo-copy.js";

const cwd = mkdtempSync(join(tmpdir(), "matrix-sync-contract-cli-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const run = (...args: string[]) => runCli(args, { cwd });
const SCHEMAS =
  "SyncResponse, Rooms, Joined, JoinedRoom, EventMap, Event, State, Timeline, Ephemeral, Invited, InvitedRoom, InviteState, Archived, ArchivedRoom, Presence, SyncQuery";
const HINT = "Run matrix-sync-contract --help for usage.\n";

const HELP = `Usage: matrix-sync-contract <command> [options]

Commands:
  validate [paths...]   Check fixtures against the contract. A path is a file, a directory
                        (searched recursively for *.json, *.ndjson, *.jsonl; hidden folders and
                        node_modules are skipped), a glob pattern, or - for standard input.
                        *.ndjson and *.jsonl files hold one payload per line.
  example [Name]        Print the bundled example of a schema (default SyncResponse).
  rules [--format json] List each rule checked beside the schema: its id, default severity, the
                        spec's sentence it enforces, and real servers' known deviations.
  mock [options]        Serve a mock homeserver's /sync for testing clients (see mock --help).
  proxy --upstream <url> Check live /sync traffic to a homeserver as a reverse proxy (see proxy --help).

Options for validate:
  --schema <Name>       The schema the fixtures hold (default SyncResponse). One of:
                        SyncResponse, Rooms, Joined, JoinedRoom, EventMap, Event, State,
                        Timeline, Ephemeral, Invited, InvitedRoom, InviteState, Archived,
                        ArchivedRoom, Presence, SyncQuery
  --no-rules            Check the schema only, not the spec's prose rules.
  --rule <id=level>     Report a rule as error or warning, or turn it off; repeatable. One of:
                        event-map-reference, event-map-unreferenced, invite-state-keys,
                        archived-no-ephemeral, limited-prev-batch, unknown-key
  --strict              Also report each key the spec does not name (rule unknown-key, a
                        warning unless --rule says otherwise).
  --max-warnings <n>    Fail the run (exit 1) when more than n warnings were reported.
  --max-issues <n>      Report at most n issues per payload (default 100).
  --format <format>     pretty, json, junit, github, sarif (default pretty). pretty is in
                        colour on a terminal: NO_COLOR=1 turns it off, FORCE_COLOR=1 on.
  --quiet               Report failures only.
  --jobs <n>            Check on n worker threads, at most one per core and per file; 1 checks
                        on the main thread alone (default: the main thread, joined by one
                        worker per other core when there are many files).
  --max-input-size <size>
                        The largest payload to check: a JSON file, standard input as one
                        document, or an NDJSON line; a larger one fails unread (default
                        256 MiB; a size in bytes, or with K, M or G for KiB, MiB or GiB;
                        at most 536870888 bytes).
  --shard <i/n>         Check shard i of n (1/n to n/n) for n CI jobs: the files, sorted by
                        path, dealt out in turn, so that the shards check each file once.

Config: validate reads matrix-sync-contract.config.json in the working directory or, when
there is none, the "matrix-sync-contract" key of ./package.json:
  { "rules": { "<id>": "off" | "warning" | "error" }, "strict": true, "maxWarnings": n,
    "maxIssues": n, "schema": "<Name>" }
(its JSON Schema: matrix-sync-contract/config.schema.json). Flags win over the config, and
--rule over the config's level for its rule.

  -h, --help            Show this help.
  --version             Show the version.

Exit codes: 0 every payload is valid; 1 a payload is invalid (or is not JSON, not UTF-8, or
too large), or the reader of the report stopped before every input was checked; 2 a usage
error, an unreadable path, or no input matched.
`;

describe("--help and --version", () => {
  it("prints the usage, with every schema and format, on standard output", () => {
    expect(run("--help")).toEqual({ status: 0, stdout: HELP, stderr: "" });
    expect(run("-h").stdout).toBe(HELP);
    expect(run("validate", "--help").stdout).toBe(HELP);
  });

  it("prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(run("--version")).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("example", () => {
  it("prints the example response by default, as indented JSON", () => {
    const { status, stdout, stderr } = run("example");
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(stdout).toBe(`${JSON.stringify(examples.SyncResponse, null, 2)}\n`);
  });

  it("prints the example of a named schema, which validates against it", () => {
    const { status, stdout } = run("example", "Event");
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(examples.Event);
    expect(runCli(["validate", "--schema", "Event", "-"], { cwd, stdin: stdout })).toEqual({
      status: 0,
      stdout: "1 passed, 0 failed\n",
      stderr: "",
    });
  });

  it("says which schemas have examples when the spec gives none", () => {
    expect(run("example", "ArchivedRoom")).toEqual({
      status: 2,
      stdout: "",
      stderr: `matrix-sync-contract: the spec has no example of ArchivedRoom; it has examples of: ${SCHEMAS.replace("ArchivedRoom, ", "")}\n${HINT}`,
    });
  });
});

describe("usage errors exit 2 and say what is wrong", () => {
  it.each([
    [[], "no command given"],
    [["frobnicate"], 'unknown command "frobnicate"; the commands are: validate, example, rules'],
    [["validate"], "validate needs a path: a file, a directory, a glob pattern, or - for standard input"],
    [["validate", "--schema", "Nope", "x.json"], `--schema: unknown schema "Nope"; the schemas are: ${SCHEMAS}`],
    [["example", "Nope"], `unknown schema "Nope"; the schemas are: ${SCHEMAS}`],
    [["example", "Event", "State"], "example takes one schema name, not 2"],
    [["example", "--quiet"], "--quiet is not an option of example"],
    [["validate", "--format", "xml", "x.json"], '--format: unknown format "xml"; the formats are: pretty, json, junit, github, sarif'],
    [["validate", "--jobs", "0", "x.json"], '--jobs takes a whole number of at least 1, not "0"'],
    [["validate", "--jobs", "two", "x.json"], '--jobs takes a whole number of at least 1, not "two"'],
    [["validate", "--max-issues=-1", "x.json"], '--max-issues takes a whole number of at least 1, not "-1"'],
    [["validate", "--max-issues", "1.5", "x.json"], '--max-issues takes a whole number of at least 1, not "1.5"'],
    ...["0", "1.5M", "1MB", "600M", "536870889"].map((size) => [
      ["validate", "--max-input-size", size, "x.json"],
      `--max-input-size takes a size in bytes, or with K, M or G for KiB, MiB or GiB, of at most 536870888 bytes; not "${size}"`,
    ]),
    [["validate", "--schema"], "--schema needs a value"],
    [["validate", "--strictly", "x.json"], "unknown option --strictly; did you mean --strict?"],
  ])("%j: %s", (args, message) => {
    expect(run(...args)).toEqual({ status: 2, stdout: "", stderr: `matrix-sync-contract: ${message}\n${HINT}` });
  });

  it("reads a path that starts with a dash after --", () => {
    expect(run("validate", "--", "-odd.json")).toEqual({
      status: 2,
      stdout: "0 passed, 0 failed, 1 skipped\n",
      stderr: "matrix-sync-contract: cannot read -odd.json: no such file or directory\n",
    });
  });
});
