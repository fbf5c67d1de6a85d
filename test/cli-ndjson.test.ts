/**
 * NDJSON (JSON Lines) files and standard input: every line its own payload, reported at its own line,
 * streamed so a capture larger than the heap still goes through.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureTree, runCli, textAt, type FixtureTree } from "./support/cli.js";
import { repoRoot } from "./support/repo-copy.js";

const PAYLOAD = JSON.stringify(JSON.parse(readFileSync(`${repoRoot}/generated/examples/SyncResponse.json`, "utf8")));
const BAD_LINE = 337;
/** 500 payloads, one of which has a `next_batch` that is no string. */
const CAPTURE = Array.from({ length: 500 }, (_, i) =>
  i + 1 === BAD_LINE ? PAYLOAD.replace('"next_batch":"s72595_4483_1934"', '"next_batch":337') : PAYLOAD,
).join("\n");

let tree: FixtureTree;

beforeAll(() => {
  tree = fixtureTree({
    "capture.ndjson": `${CAPTURE}\n`,
    // A byte-order mark, CRLF line ends, blank lines, a syntax error, no newline at the end.
    "mixed.jsonl": '\ufeff{"next_batch":"a"}\r\n\r\n{"next_batch":"b",}\r\n   \n{"next_batch":3}',
    "empty.ndjson": "",
    "blank.jsonl": "\n \r\n\t\n",
    "empty.json": "",
    "events.jsonl": '{"type":"m.room.message","content":{}}\n{"type":false}\n',
  });
});

afterAll(() => tree.remove());

const validate = (args: string[], stdin?: string | Buffer) =>
  runCli(["validate", ...args], { cwd: tree.root, ...(stdin !== undefined && { stdin }) });

describe("NDJSON files", () => {
  it("reports the one bad line among many at its own line and column", () => {
    const { status, stdout, stderr } = validate(["capture.ndjson"]);
    expect({ status, stderr }).toEqual({ status: 1, stderr: "" });
    expect(stdout.split("\n").filter((line) => !line.startsWith(" "))).toEqual([
      "capture.ndjson:337:15: error /next_batch: must be string (schema:type)",
      "499 passed, 1 failed",
      "",
    ]);
    expect(textAt(CAPTURE, BAD_LINE, 15).startsWith("337,")).toBe(true);
  });

  it("skips blank lines, ignores a byte-order mark and CRLF, and reports a syntax error on its line", () => {
    const { status, stdout } = validate(["mixed.jsonl"]);
    expect(status).toBe(1);
    expect(stdout).toBe(
      [
        "mixed.jsonl:3:19: error (root): Unexpected character '}', expected a property name in double quotes (json)",
        '  3 | {"next_batch":"b",}',
        "    |                   ^",
        "mixed.jsonl:5:15: error /next_batch: must be string (schema:type)",
        '  5 | {"next_batch":3}',
        "    |               ^",
        "1 passed, 2 failed",
        "",
      ].join("\n"),
    );
  });

  it("fails a capture with no payloads, empty or blank, as an empty JSON file fails", () => {
    const empty = (name: string) => `${name}:1:1: error (root): empty input, expected a JSON value (json)\n  1 | \n    | ^\n`;
    expect(validate(["empty.ndjson", "blank.jsonl", "empty.json"])).toEqual({
      status: 1,
      stdout: `${empty("empty.ndjson")}${empty("blank.jsonl")}${empty("empty.json")}0 passed, 3 failed\n`,
      stderr: "",
    });
  });

  it("checks the lines against another schema", () => {
    expect(validate(["--schema", "Event", "events.jsonl"]).stdout).toBe(
      [
        "events.jsonl:2:9: error /type: must be string (schema:type)",
        '  2 | {"type":false}',
        "    |         ^",
        "1 passed, 1 failed",
        "",
      ].join("\n"),
    );
  });

  it("streams a capture far larger than the heap it is allowed", () => {
    const lines = 40_000;
    const big = fixtureTree({
      "big.ndjson": `${PAYLOAD}\n`.repeat(lines - 1) + `${PAYLOAD.replace('"next_batch":"s72595_4483_1934"', '"next_batch":1')}\n`,
    });
    try {
      // 24 MB of heap, for a file of about 57 MB: read whole, it would not fit.
      const { status, stdout, stderr } = runCli(["validate", "big.ndjson"], { cwd: big.root, nodeOptions: ["--max-old-space-size=24"] });
      expect({ status, stderr }).toEqual({ status: 1, stderr: "" });
      expect(stdout.split("\n").filter((line) => !line.startsWith(" "))).toEqual([
        `big.ndjson:${lines}:15: error /next_batch: must be string (schema:type)`,
        "39999 passed, 1 failed",
        "",
      ]);
    } finally {
      big.remove();
    }
  });
});

describe("standard input", () => {
  it("reads one JSON document spread over lines", () => {
    const document = '{\n  "next_batch": "s1",\n  "presence": {"events": "none"}\n}\n';
    expect(validate(["-"], document)).toEqual({
      status: 1,
      stdout:
        '<stdin>:3:26: error /presence/events: must be array (schema:type)\n  3 |   "presence": {"events": "none"}\n    |                          ^\n0 passed, 1 failed\n',
      stderr: "",
    });
    expect(textAt(document, 3, 26)).toBe('"none"}');
  });

  it("reads NDJSON when the first line is a whole value, line by line", () => {
    expect(validate(["-"], '{"next_batch":"a"}\n\n{"next_batch":[]}\n{"next_batch":"c"}\n')).toEqual({
      status: 1,
      stdout:
        '<stdin>:3:15: error /next_batch: must be string (schema:type)\n  3 | {"next_batch":[]}\n    |               ^\n2 passed, 1 failed\n',
      stderr: "",
    });
  });

  it("reports empty input as a payload that is not JSON", () => {
    expect(validate(["-"], "")).toEqual({
      status: 1,
      stdout: "<stdin>:1:1: error (root): empty input, expected a JSON value (json)\n  1 | \n    | ^\n0 passed, 1 failed\n",
      stderr: "",
    });
  });

  it("takes its place among the other inputs, in the order given", () => {
    const { status, stdout } = runCli(["validate", "--schema", "Event", "--format", "json", "empty.ndjson", "-", "events.jsonl"], {
      cwd: tree.root,
      stdin: "[]",
    });
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as { files: { file: string; passed: number; failed: number }[] };
    expect(report.files.map(({ file, passed, failed }) => [file, passed, failed])).toEqual([
      ["empty.ndjson", 0, 1],
      ["<stdin>", 0, 1],
      ["events.jsonl", 1, 1],
    ]);
  });

  it("streams NDJSON larger than the heap it is allowed", () => {
    const lines = 40_000;
    const input = `${PAYLOAD}\n`.repeat(lines);
    const { status, stdout, stderr } = runCli(["validate", "-"], {
      cwd: tree.root,
      stdin: input,
      nodeOptions: ["--max-old-space-size=24"],
    });
    expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: `${lines} passed, 0 failed\n`, stderr: "" });
  });
});
