/**
 * `validate` against input as CI systems, servers and attackers bring it: names and values that try
 * to forge lines or restyle the terminal, values a megabyte long, inputs too large to check, devices
 * and pipes, streams, bytes that are not UTF-8, a reader that stops early. Each gets the right
 * verdict and a bounded, escaped report, within the test's timeout (time is never measured).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { renameSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureTree, runCli, runCliReaderGone, type FixtureTree } from "./support/cli.js";
import { repoRoot } from "./support/repo-copy.js";

const BOUNDED = { timeout: 120_000 };
// For the one test that runs the command from a shell, to hand it a FIFO, a process substitution and a pipe.
const CLI = join(repoRoot, "src/cli.ts");
const TSX = createRequire(import.meta.url).resolve("tsx");

/** Lines that a CI runner would read as a workflow command, or a terminal as a control sequence. */
const COMMAND_LINE = /^::/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** The lines of `text` that start a workflow command, and whether any control character is left raw. */
function commandsIn(text: string): { commands: string[]; raw: boolean } {
  return { commands: text.split("\n").filter((line) => COMMAND_LINE.test(line)), raw: CONTROL.test(text.replaceAll("\n", "")) };
}

const FORGED = "e\n::error file=README.md,line=1::FORGED.json";
const DANGLING = "d\n::error file=README.md,line=1::DANGLING.json";
const STYLED = "\u001b[31mred\u009b.json";
// A room ID and an event ID that try the same inside a payload.
const ROOM = "!a\n::error::ROOM\u001b[2J";
const EVENT = "$e\u2028::error::EVENT\u009b";
const PAYLOAD = JSON.stringify({ rooms: { joined: { [ROOM]: { timeline: { events: [EVENT] } } } } });
const SHOWN_ROOM = "!a\\n::error::ROOM\\x1b[2J";
const SHOWN_EVENT = '"$e\\u2028::error::EVENT\\x9b"';

describe("names and values that try to forge lines or restyle the terminal", () => {
  let tree: FixtureTree;
  beforeAll(() => {
    tree = fixtureTree({
      [`forge/${FORGED}`]: '{"next_batch":1}',
      [`forge/${DANGLING}`]: { symlink: "nowhere.json" },
      [`forge/${STYLED}`]: PAYLOAD,
    });
  });
  afterAll(() => tree.remove());
  const validate = (format: string) => runCli(["validate", "--format", format, "forge"], { cwd: tree.root });
  const STDERR =
    "matrix-sync-contract: cannot read forge/d\\n::error file=README.md,line=1::DANGLING.json: dangling symbolic link (its target does not exist)\n";
  const REFERENCE = `/rooms/joined/${SHOWN_ROOM}/timeline/events/0: event ID ${SHOWN_EVENT} is not a key of this room's event_map`;
  const REFERENCE_COLUMN = PAYLOAD.indexOf('["') + 2;

  it("pretty: every name, pointer and echoed value escaped, on standard output and standard error", () => {
    const run = validate("pretty");
    expect(run.stderr).toBe(STDERR);
    expect(run.stdout.split("\n").filter((line) => !line.startsWith(" "))).toEqual([
      `forge/\\x1b[31mred\\x9b.json:1:${REFERENCE_COLUMN}: error ${REFERENCE} (event-map-reference)`,
      "forge/e\\n::error file=README.md,line=1::FORGED.json:1:15: error /next_batch: must be string (schema:type)",
      "0 passed, 2 failed, 1 skipped",
      "",
    ]);
    expect(commandsIn(run.stdout + run.stderr)).toEqual({ commands: [], raw: false });
    expect(run.status).toBe(2);
  });

  it("github: only the command's own annotations start a line, in GitHub's escaping", () => {
    const run = validate("github");
    expect(run.stderr).toBe(STDERR);
    expect(run.stdout.split("\n")).toEqual([
      `::error file=forge/\\x1b[31mred\\x9b.json,line=1,col=${REFERENCE_COLUMN},title=event-map-reference::${REFERENCE}`,
      "::error file=forge/d\\n%3A%3Aerror file=README.md%2Cline=1%3A%3ADANGLING.json,title=cannot read::dangling symbolic link (its target does not exist)",
      "::error file=forge/e\\n%3A%3Aerror file=README.md%2Cline=1%3A%3AFORGED.json,line=1,col=15,title=schema%3Atype::/next_batch: must be string",
      "0 passed, 2 failed, 1 skipped",
      "",
    ]);
    expect(commandsIn(run.stdout + run.stderr)).toEqual({ commands: run.stdout.split("\n").slice(0, 3), raw: false });
  });

  it("junit: names and issues escaped in attributes and text", () => {
    const run = validate("junit");
    expect(run.stderr).toBe(STDERR);
    expect(run.stdout).toContain(
      `<testcase classname="matrix-sync-contract.SyncResponse" name="forge/\\x1b[31mred\\x9b.json" file="forge/\\x1b[31mred\\x9b.json">`,
    );
    expect(run.stdout).toContain(
      `<testsuite name="forge/d\\n::error file=README.md,line=1::DANGLING.json" tests="1" failures="0" errors="1" skipped="0">`,
    );
    expect(run.stdout).toContain(`>forge/\\x1b[31mred\\x9b.json:1:${REFERENCE_COLUMN}: error ${REFERENCE} (event-map-reference)</failure>`);
    expect(commandsIn(run.stdout + run.stderr)).toEqual({ commands: [], raw: false });
  });

  it("sarif: names percent-encoded in URIs, escaped in text; pointers and messages escaped", () => {
    const run = validate("sarif");
    expect(run.stderr).toBe(STDERR);
    type Log = { runs: { results: { message: { text: string }; locations: { physicalLocation: unknown }[] }[] }[] };
    const [results] = (JSON.parse(run.stdout) as Log).runs.map((each) => each.results);
    expect(results!.map((result) => [result.message.text, result.locations[0]!.physicalLocation])).toEqual([
      [
        REFERENCE,
        {
          artifactLocation: { uri: "forge/%1B%5B31mred%C2%9B.json", uriBaseId: "SRCROOT" },
          region: { startLine: 1, startColumn: REFERENCE_COLUMN },
        },
      ],
      [
        "/next_batch: must be string",
        {
          artifactLocation: { uri: "forge/e%0A%3A%3Aerror%20file%3DREADME.md%2Cline%3D1%3A%3AFORGED.json", uriBaseId: "SRCROOT" },
          region: { startLine: 1, startColumn: 15 },
        },
      ],
    ]);
    expect(run.stdout).toContain('"message":{"text":"forge/d\\\\n::error file=README.md,line=1::DANGLING.json: dangling symbolic link');
    expect(commandsIn(run.stdout + run.stderr)).toEqual({ commands: [], raw: false });
  });

  it("json: exact names and pointers, with every control character written as a JSON escape", () => {
    const run = validate("json");
    expect(run.stderr).toBe(STDERR);
    const report = JSON.parse(run.stdout) as { files: { file: string; payloads: { issues: { pointer: string }[] }[] }[] };
    expect(report.files.map((file) => file.file)).toEqual([`forge/${STYLED}`, `forge/${DANGLING}`, `forge/${FORGED}`]);
    expect(report.files[0]!.payloads[0]!.issues[0]!.pointer).toBe(`/rooms/joined/${ROOM}/timeline/events/0`);
    expect(run.stdout).toContain('{"file":"forge/\\u001b[31mred\\u009b.json"');
    expect(commandsIn(run.stdout + run.stderr)).toEqual({ commands: [], raw: false });
  });

  it("usage errors: an echoed argument escaped and shortened", () => {
    const run = runCli(["validate", "--format", `x\n::error::ARG\u001b[2J${"y".repeat(10_000)}`, "f.json"], { cwd: tree.root });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `matrix-sync-contract: --format: unknown format "x\\n::error::ARG\\u001b[2J${"y".repeat(82)}…${"y".repeat(99)}"; the formats are: pretty, json, junit, github, sarif\nRun matrix-sync-contract --help for usage.\n`,
    );
  });
});

describe("a megabyte-long room ID in a hundred pointers", () => {
  const ID = `!${"r".repeat(2 ** 20)}:example.org`;
  const QUARTER_ID = `!${"r".repeat(2 ** 18)}:example.org`;
  const REFS = 100;
  const LINES = 10;
  const room = (id: string, refs: number) =>
    JSON.stringify({ rooms: { joined: { [id]: { timeline: { events: Array.from({ length: refs }, (_, i) => `$e${i}`) } } } } });
  let tree: FixtureTree;
  beforeAll(() => {
    tree = fixtureTree({ "big-id.json": room(ID, REFS), "big-ids.ndjson": `${room(QUARTER_ID, REFS)}\n`.repeat(LINES) });
  });
  afterAll(() => tree.remove());
  const SHOWN_ID = `!${"r".repeat(49)}…${"r".repeat(37)}:example.org`;

  it("pretty, github and junit: each pointer token shortened around an ellipsis; json: exact", BOUNDED, () => {
    const pretty = runCli(["validate", "big-id.json"], { cwd: tree.root });
    expect(pretty.status).toBe(1);
    const lines = pretty.stdout.split("\n").filter((line) => !line.startsWith(" "));
    expect(lines[0]).toBe(
      `big-id.json:1:${room(ID, REFS).indexOf('"$e0"') + 1}: error /rooms/joined/${SHOWN_ID}/timeline/events/0: event ID "$e0" is not a key of this room's event_map (event-map-reference)`,
    );
    expect(lines.slice(-3)).toEqual([
      `big-id.json:1:${room(ID, REFS).indexOf('"$e99"') + 1}: error /rooms/joined/${SHOWN_ID}/timeline/events/99: event ID "$e99" is not a key of this room's event_map (event-map-reference)`,
      "0 passed, 1 failed",
      "",
    ]);
    expect(pretty.stdout.length).toBeLessThan(REFS * 600);
    for (const format of ["github", "junit"]) {
      const run = runCli(["validate", "--format", format, "big-id.json"], { cwd: tree.root });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`/rooms/joined/${SHOWN_ID}/timeline/events/99: event ID "$e99"`);
      expect(run.stdout.length).toBeLessThan(REFS * 600);
    }
    // Exact: a megabyte per pointer, so twenty of them keep the report within the test's buffer.
    const json = runCli(["validate", "--format", "json", "--max-issues", "20", "big-id.json"], { cwd: tree.root });
    const report = JSON.parse(json.stdout) as { files: { payloads: { issues: { pointer: string }[] }[] }[] };
    expect(report.files[0]!.payloads[0]!.issues.map((issue) => issue.pointer)).toEqual(
      Array.from({ length: 20 }, (_, i) => `/rooms/joined/${ID}/timeline/events/${i}`),
    );
  });

  // Unshortened, each line's case would be 50 MB of pointers, held until the file ends: 500 MB.
  it("junit on ten NDJSON lines of 256 kB room IDs, in a heap of 128 MB", BOUNDED, () => {
    const run = runCli(["validate", "--format", "junit", "big-ids.ndjson"], { cwd: tree.root, nodeOptions: ["--max-old-space-size=128"] });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: "" });
    expect(run.stdout.match(/<testcase /g)).toHaveLength(LINES);
    expect(run.stdout.endsWith("</testsuites>\n")).toBe(true);
    expect(run.stdout.length).toBeLessThan(LINES * REFS * 600);
  });
});

describe("a reader that stops early (`| head`)", () => {
  const FILES = 3000;
  let tree: FixtureTree;
  beforeAll(() => {
    const entries: Record<string, string | { symlink: string }> = { "with-gone/0-gone.json": { symlink: "nowhere.json" } };
    for (let i = 1; i <= FILES; i++) {
      entries[`failing/f${String(i).padStart(4, "0")}.json`] = '{"next_batch":1}';
      entries[`with-gone/f${String(i).padStart(4, "0")}.json`] = '{"next_batch":1}';
      entries[`gone/g${String(i).padStart(4, "0")}.json`] = { symlink: "nowhere.json" };
    }
    tree = fixtureTree(entries);
  });
  afterAll(() => tree.remove());
  const afterLines = (lines: number) => (written: string) => written.split("\n").length > lines;

  it.each(["pretty", "json", "junit", "github"])(
    "%s: 3,000 failing fixtures, the reader gone after three lines: exit 1",
    BOUNDED,
    async (format) => {
      const run = await runCliReaderGone(["validate", "--format", format, "failing"], { cwd: tree.root, closeWhen: afterLines(3) });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: "" });
    },
  );

  it("an input that could not be read before the reader went: exit 2", BOUNDED, async () => {
    const run = await runCliReaderGone(["validate", "with-gone"], { cwd: tree.root, closeWhen: afterLines(3) });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "matrix-sync-contract: cannot read with-gone/0-gone.json: dangling symbolic link (its target does not exist)\n",
    );
  });

  it("a reader of standard error that stops early: the warnings after it are lost, the exit code is not", BOUNDED, async () => {
    const run = await runCliReaderGone(["validate", "gone"], { cwd: tree.root, stream: "stderr", closeWhen: afterLines(1) });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe(`0 passed, 0 failed, ${FILES} skipped\n`);
  });

  it(
    "valid payloads streaming in without end, the reader gone after the first suite: exit 1, for not all were checked",
    BOUNDED,
    async () => {
      const run = await runCliReaderGone(["validate", "--format", "junit", "-"], {
        cwd: tree.root,
        closeWhen: (stdout) => stdout.includes("</testsuite>"),
        feed: '{"next_batch":"s1"}\n'.repeat(1000),
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: "" });
      expect(run.stdout).toContain('<testsuite name="&lt;stdin&gt; (lines 1–10000)" tests="10000" failures="0" errors="0" skipped="0">');
    },
  );
});

describe("inputs larger than --max-input-size", () => {
  const LONG = `{"next_batch":"${"x".repeat(2000)}"}`;
  let tree: FixtureTree;
  beforeAll(() => {
    tree = fixtureTree({
      "a-big.json": LONG,
      "b-bad.json": '{"next_batch":1}',
      "c-lines.ndjson": `{"next_batch":"s1"}\n${LONG}\n{"next_batch":2}\n`,
      "huge-line.ndjson": Buffer.concat([
        Buffer.from('{"next_batch":"'),
        Buffer.alloc(64 * 2 ** 20, "x"),
        Buffer.from('"}\n{"next_batch":3}\n'),
      ]),
    });
  });
  afterAll(() => tree.remove());
  const validate = (...args: string[]) =>
    runCli(["validate", "--max-input-size", "1K", ...args, "a-big.json", "b-bad.json", "c-lines.ndjson"], { cwd: tree.root });
  const TOO_LARGE = "larger than --max-input-size (1 KiB): not checked";

  it("pretty: each too large an input is its own failure, and every other input is still checked", () => {
    expect(validate()).toEqual({
      status: 1,
      stdout: [
        `a-big.json:1:1: error (root): ${TOO_LARGE} (input-size)`,
        "b-bad.json:1:15: error /next_batch: must be string (schema:type)",
        '  1 | {"next_batch":1}',
        "    |               ^",
        `c-lines.ndjson:2:1: error (root): ${TOO_LARGE} (input-size)`,
        "c-lines.ndjson:3:15: error /next_batch: must be string (schema:type)",
        '  3 | {"next_batch":2}',
        "    |               ^",
        "1 passed, 4 failed",
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("json, junit and github: the same verdicts, and every report complete", () => {
    const json = validate("--format", "json");
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as {
      files: { file: string; payloads: { line?: number; issues: object[] }[] }[];
      failed: number;
    };
    expect(report.failed).toBe(4);
    expect(report.files[0]!.payloads[0]!.issues).toEqual([
      { pointer: "", message: TOO_LARGE, rule: "input-size", severity: "error", line: 1, column: 1 },
    ]);
    expect(report.files[2]!.payloads.map((payload) => payload.line)).toEqual([2, 3]);
    const junit = validate("--format", "junit");
    expect(junit.status).toBe(1);
    expect(junit.stdout).toContain(
      `<failure message="(root): ${TOO_LARGE}" type="input-size">a-big.json:1:1: error (root): ${TOO_LARGE} (input-size)</failure>`,
    );
    expect(junit.stdout.endsWith("</testsuites>\n")).toBe(true);
    const github = validate("--format", "github");
    expect(github.stdout.split("\n")).toEqual([
      `::error file=a-big.json,line=1,col=1,title=input-size::(root): ${TOO_LARGE}`,
      "::error file=b-bad.json,line=1,col=15,title=schema%3Atype::/next_batch: must be string",
      `::error file=c-lines.ndjson,line=2,col=1,title=input-size::(root): ${TOO_LARGE}`,
      "::error file=c-lines.ndjson,line=3,col=15,title=schema%3Atype::/next_batch: must be string",
      "1 passed, 4 failed",
      "",
    ]);
  });

  it("a 64 MB NDJSON line, and a 64 MB document on standard input, pass through a 32 MB heap", BOUNDED, () => {
    const options = { cwd: tree.root, nodeOptions: ["--max-old-space-size=32"] };
    expect(runCli(["validate", "--max-input-size", "1M", "--quiet", "huge-line.ndjson"], options)).toEqual({
      status: 1,
      stdout: [
        "huge-line.ndjson:1:1: error (root): larger than --max-input-size (1 MiB): not checked (input-size)",
        "huge-line.ndjson:2:15: error /next_batch: must be string (schema:type)",
        '  2 | {"next_batch":3}',
        "    |               ^",
        "0 passed, 2 failed",
        "",
      ].join("\n"),
      stderr: "",
    });
    const document = Buffer.concat([Buffer.from('{\n  "next_batch": "'), Buffer.alloc(64 * 2 ** 20, "x"), Buffer.from('"\n}\n')]);
    expect(runCli(["validate", "--max-input-size", "1M", "-"], { ...options, stdin: document })).toEqual({
      status: 1,
      stdout: "<stdin>:1:1: error (root): larger than --max-input-size (1 MiB): not checked (input-size)\n0 passed, 1 failed\n",
      stderr: "",
    });
  });
});

describe("devices, pipes and standard input by name", () => {
  let tree: FixtureTree;
  beforeAll(() => {
    tree = fixtureTree({
      "bad.json": '{"next_batch":1}',
      "good.json": '{"next_batch":"s1"}',
      "dir/good.json": '{"next_batch":"s1"}',
      "dir/zero.json": { symlink: "/dev/zero" },
    });
    execFileSync("mkfifo", [tree.path("named.json"), tree.path("dir/pipe.ndjson")]);
  });
  afterAll(() => tree.remove());

  it("/dev/zero and /dev/urandom: too large, read no further than the limit", BOUNDED, () => {
    const run = runCli(["validate", "--max-input-size", "1M", "/dev/zero", "/dev/urandom"], {
      cwd: tree.root,
      nodeOptions: ["--max-old-space-size=32"],
    });
    expect(run).toEqual({
      status: 1,
      stdout: [
        "/dev/zero:1:1: error (root): larger than --max-input-size (1 MiB): not checked (input-size)",
        "/dev/urandom:1:1: error (root): larger than --max-input-size (1 MiB): not checked (input-size)",
        "0 passed, 2 failed",
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("a FIFO, a process substitution's /dev/fd path and /dev/stdin from a pipe: read as streams", BOUNDED, () => {
    const script = [
      "printf '{\"next_batch\":1}' > named.json &",
      `exec "$0" --import "$1" "$2" validate --format json named.json <(cat good.json) /dev/stdin < <(cat bad.json)`,
    ].join("\n");
    const run = spawnSync("bash", ["-c", script, process.execPath, TSX, CLI], { cwd: tree.root, encoding: "utf8", timeout: 60_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: "" });
    const report = JSON.parse(run.stdout) as { files: { file: string; passed: number; failed: number }[] };
    expect(report.files.map(({ file, passed, failed }) => [file.replace(/^\/dev\/fd\/\d+$/, "/dev/fd/N"), passed, failed])).toEqual([
      ["named.json", 0, 1],
      ["/dev/fd/N", 1, 0],
      ["/dev/stdin", 0, 1],
    ]);
  });

  it("a FIFO or a device found in a directory: noted and skipped, never opened", BOUNDED, () => {
    expect(runCli(["validate", "dir"], { cwd: tree.root })).toEqual({
      status: 0,
      stdout: [
        "dir/pipe.ndjson: skipped: a named pipe (FIFO), not a regular file: not read when found in a directory (name it to read it)",
        "dir/zero.json: skipped: a device, not a regular file: not read when found in a directory (name it to read it)",
        "1 passed, 0 failed, 2 skipped",
        "",
      ].join("\n"),
      stderr: "",
    });
  });
});

describe("standard input", () => {
  const PAYLOAD = '{"next_batch":"s1","presence":{"events":[]}}';

  it("streams NDJSON whose first line is broken, in a heap smaller than the input", BOUNDED, () => {
    const lines = 40_000;
    const input = `{"next_batch":"b",}\n${`${PAYLOAD}\n`.repeat(lines - 1)}`;
    const run = runCli(["validate", "-"], { cwd: tmpdir(), stdin: input, nodeOptions: ["--max-old-space-size=24"] });
    expect(run).toEqual({
      status: 1,
      stdout: [
        "<stdin>:1:19: error (root): Unexpected character '}', expected a property name in double quotes (json)",
        '  1 | {"next_batch":"b",}',
        "    |                   ^",
        `${lines - 1} passed, 1 failed`,
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("tells a document from NDJSON by its first line: one that opens a value going on, or any other", () => {
    const firstLines = (stdin: string) => runCli(["validate", "--format", "github", "-"], { cwd: tmpdir(), stdin }).stdout.split("\n");
    // A first line cut short mid-string is a broken payload, and the lines after it are checked.
    expect(firstLines(`{"next_batch":"s\n${PAYLOAD}\n{"next_batch":2}\n`)).toEqual([
      "::error title=json::<stdin>:1:15: (root): Unexpected character '\"', expected a JSON value",
      "::error title=schema%3Atype::<stdin>:3:15: /next_batch: must be string",
      "1 passed, 2 failed",
      "",
    ]);
    // A line that opens an object and goes on is a document's first line.
    expect(firstLines('{"next_batch": "s1",\n "presence": 2\n}\n')).toEqual([
      "::error title=schema%3Atype::<stdin>:2:14: /presence: must be object",
      "0 passed, 1 failed",
      "",
    ]);
  });
});

describe("bytes that are not UTF-8", () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part))));
  let tree: FixtureTree;
  beforeAll(() => {
    tree = fixtureTree({
      "in-string.json": bytes('{"next_batch":"a', [0xff], '"}'),
      "surrogate.json": bytes('{"next_batch":"', [0xed, 0xa0, 0x80], '"}'),
      "after-bom.json": bytes([0xef, 0xbb, 0xbf], '{"next_batch":"', [0xc3, 0x28], '"}'),
      "syntax-first.json": bytes('{,"next_batch":"', [0xff], '"}'),
      "lines.ndjson": bytes('{"next_batch":"s1"}\n{"next_batch":"\u00e9', [0xc3], '"}\n'),
      [`names/bad${"\u00ff"}.json`]: '{"next_batch":"s1"}',
    });
    // A name whose bytes are not UTF-8, as some file systems and tar files hold.
    renameSync(tree.path(`names/bad${"\u00ff"}.json`), Buffer.from(`${tree.path("names/bad")}\xff.json`, "latin1"));
  });
  afterAll(() => tree.remove());

  it("fail with a json issue at the line and column of the first such byte", () => {
    const run = runCli(["validate", "in-string.json", "surrogate.json", "after-bom.json", "syntax-first.json", "lines.ndjson"], {
      cwd: tree.root,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").filter((line) => !line.startsWith(" "))).toEqual([
      "in-string.json:1:17: error (root): the byte 0xff is not UTF-8; JSON text must be UTF-8 (json)",
      "surrogate.json:1:16: error (root): the byte 0xed is not UTF-8; JSON text must be UTF-8 (json)",
      "after-bom.json:1:16: error (root): the byte 0xc3 is not UTF-8; JSON text must be UTF-8 (json)",
      "syntax-first.json:1:2: error (root): Unexpected character ',', expected a property name in double quotes (json)",
      "lines.ndjson:2:17: error (root): the byte 0xc3 is not UTF-8; JSON text must be UTF-8 (json)",
      "1 passed, 5 failed",
      "",
    ]);
  });

  it("a file name that is not UTF-8, found in a directory: read by its bytes, shown with them escaped", () => {
    expect(runCli(["validate", "names"], { cwd: tree.root })).toEqual({ status: 0, stdout: "1 passed, 0 failed\n", stderr: "" });
    const report = JSON.parse(runCli(["validate", "--format", "json", "names"], { cwd: tree.root }).stdout) as {
      files: { file: string }[];
    };
    expect(report.files.map((file) => file.file)).toEqual(["names/bad\\xff.json"]);
  });
});

describe("finding positions", () => {
  // One scan of the text per issue would read this payload 20,000 times: far beyond the timeout.
  it("places 20,000 issues of a pretty-printed payload in one pass", BOUNDED, () => {
    const events = 20_000;
    const ids = Array.from({ length: events }, (_, i) => `$e${i}`);
    const payload = JSON.stringify(
      {
        rooms: {
          joined: {
            "!r": { event_map: Object.fromEntries(ids.map((id) => [id, { type: "m.x", content: 1 }])), timeline: { events: ids } },
          },
        },
      },
      null,
      1,
    );
    const tree = fixtureTree({ "many.json": payload });
    try {
      const run = runCli(["validate", "--format", "json", "--max-issues", String(events), "many.json"], { cwd: tree.root });
      expect(run.status).toBe(1);
      const issues = (
        JSON.parse(run.stdout) as { files: { payloads: { issues: { pointer: string; line: number; column: number }[] }[] }[] }
      ).files[0]!.payloads[0]!.issues;
      expect(issues).toHaveLength(events);
      const lines = payload.split("\n");
      const misplaced = issues.filter(({ pointer, line, column }) => {
        const id = pointer.split("/")[5]!;
        return pointer !== `/rooms/joined/!r/event_map/${id}/content` || !lines[line - 1]!.slice(column - 1).startsWith("1");
      });
      expect(misplaced).toEqual([]);
    } finally {
      tree.remove();
    }
  });
});
