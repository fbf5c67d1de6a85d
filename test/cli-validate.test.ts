/**
 * `matrix-sync-contract validate`, run for real on fixture trees: what it finds, what it reports in
 * the pretty format, where, and its exit codes.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureTree, runCli, textAt, type FixtureTree } from "./support/cli.js";
import { repoRoot } from "./support/repo-copy.js";

const EXAMPLE = readFileSync(`${repoRoot}/generated/examples/SyncResponse.json`, "utf8");

const INVALID = `{
  "next_batch": 42,
  "rooms": {
    "joined": {
      "!room:example.org": {
        "timeline": {
          "events": ["$missing:example.org"],
          "limited": "no"
        }
      }
    }
  }
}
`;

const WARNED = `{
  "rooms": {
    "joined": {
      "!r:example.org": {
        "event_map": {
          "$unused:example.org": { "type": "m.room.message", "content": {} }
        },
        "timeline": { "events": [], "limited": true }
      }
    }
  }
}
`;

const SYNTAX = '{\n  "next_batch": "s1",\n  "rooms": {,\n}\n';
// The start of a PNG file: not UTF-8, with NUL bytes.
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

let tree: FixtureTree;

beforeAll(() => {
  tree = fixtureTree({
    "fixtures/valid.json": EXAMPLE,
    "fixtures/invalid.json": INVALID,
    "fixtures/warned.json": WARNED,
    "fixtures/syntax.json": SYNTAX,
    "fixtures/empty.json": "",
    "fixtures/binary.json": BINARY,
    "fixtures/nested/deeper/valid.json": EXAMPLE,
    // What a directory search passes over: other extensions, hidden folders, installed packages.
    "fixtures/notes.txt": "not JSON",
    "fixtures/.hidden/broken.json": "{",
    "fixtures/node_modules/pkg/package.json": "{",
    // A link back to the directory itself: searched once, not forever.
    "fixtures/loop": { symlink: "." },
    "good/a.json": EXAMPLE,
    "good/b.json": "{}",
    "empty-dir/notes.txt": "nothing to validate",
    "unreadable/dangling.json": { symlink: "no-such-target.json" },
    "unreadable/self.json": { symlink: "self.json" },
    "bom.json": `\ufeff{"next_batch": 1}`,
    "crlf.json": '{\r\n  "presence": {\r\n    "events": [1]\r\n  }\r\n}\r\n',
    "minified.json": JSON.stringify(JSON.parse(EXAMPLE), (key, value) => (key === "limited" ? "yes" : value)),
  });
});

afterAll(() => tree.remove());

const validate = (...args: string[]) => runCli(["validate", ...args], { cwd: tree.root });

describe("validate, pretty format", () => {
  it("reports each issue at its file, line and column, with the line shown, in file order", () => {
    const { status, stdout, stderr } = validate("fixtures");
    expect({ status, stderr }).toEqual({ status: 1, stderr: "" });
    expect(stdout).toBe(
      [
        "fixtures/binary.json:1:1: error (root): the byte 0x89 is not UTF-8; JSON text must be UTF-8 (json)",
        "  1 | \ufffdPNG",
        "    | ^",
        "fixtures/empty.json:1:1: error (root): empty input, expected a JSON value (json)",
        "  1 | ",
        "    | ^",
        "fixtures/invalid.json:2:17: error /next_batch: must be string (schema:type)",
        '  2 |   "next_batch": 42,',
        "    |                 ^",
        `fixtures/invalid.json:7:22: error /rooms/joined/!room:example.org/timeline/events/0: event ID "$missing:example.org" is not a key of this room's event_map (event-map-reference)`,
        '  7 |           "events": ["$missing:example.org"],',
        "    |                      ^",
        "fixtures/invalid.json:8:22: error /rooms/joined/!room:example.org/timeline/limited: must be boolean (schema:type)",
        '  8 |           "limited": "no"',
        "    |                      ^",
        "fixtures/syntax.json:3:13: error (root): Unexpected character ',', expected a property name in double quotes (json)",
        '  3 |   "rooms": {,',
        "    |             ^",
        "fixtures/warned.json:6:34: warning /rooms/joined/!r:example.org/event_map/$unused:example.org: no state or timeline of this room references this event (event-map-unreferenced)",
        '  6 |           "$unused:example.org": { "type": "m.room.message", "content": {} }',
        "    |                                  ^",
        "fixtures/warned.json:8:21: warning /rooms/joined/!r:example.org/timeline: a limited timeline has no prev_batch to fetch the earlier events with (limited-prev-batch)",
        '  8 |         "timeline": { "events": [], "limited": true }',
        "    |                     ^",
        // valid.json, nested/deeper/valid.json and warned.json pass; the loop adds nothing.
        "3 passed, 4 failed, 2 warnings",
        "",
      ].join("\n"),
    );
  });

  it("places issues on the offending value itself", () => {
    expect(textAt('{\r\n  "presence": {\r\n    "events": [1]\r\n  }\r\n}\r\n', 3, 16)).toBe("1]\r");
    expect(textAt(INVALID, 2, 17)).toBe("42,");
    expect(textAt(INVALID, 7, 22)).toBe('"$missing:example.org"],');
    expect(textAt(INVALID, 8, 22)).toBe('"no"');
    expect(textAt(SYNTAX, 3, 13)).toBe(",");
    expect(textAt(WARNED, 6, 34)).toBe('{ "type": "m.room.message", "content": {} }');
    expect(textAt(WARNED, 8, 21)).toBe('{ "events": [], "limited": true }');
  });

  it("ignores a leading byte-order mark, counts columns after it, and handles CRLF line ends", () => {
    const { status, stdout } = validate("bom.json", "crlf.json");
    expect(status).toBe(1);
    expect(stdout).toBe(
      [
        "bom.json:1:16: error /next_batch: must be string (schema:type)",
        '  1 | {"next_batch": 1}',
        "    |                ^",
        "crlf.json:3:16: error /presence/events/0: must be object (schema:type)",
        '  3 |     "events": [1]',
        "    |                ^",
        "0 passed, 2 failed",
        "",
      ].join("\n"),
    );
  });

  it("shows a window of a long minified line, with the caret under the value", () => {
    const { status, stdout } = validate("minified.json");
    const text = readFileSync(tree.path("minified.json"), "utf8");
    const column = text.indexOf('"limited":"yes"') + '"limited":'.length + 1;
    const start = column - 1 - 40;
    expect(status).toBe(1);
    expect(stdout).toBe(
      [
        `minified.json:1:${column}: error /rooms/joined/!726s6s6q:example.com/timeline/limited: must be boolean (schema:type)`,
        `  1 | …${text.slice(start, start + 120)}${start + 120 < text.length ? "…" : ""}`,
        `    | ${" ".repeat(41)}^`,
        "0 passed, 1 failed",
        "",
      ].join("\n"),
    );
    expect(textAt(text, 1, column).startsWith('"yes"')).toBe(true);
  });

  it("shows only failures with --quiet, and still ends with the summary", () => {
    const { status, stdout } = validate("--quiet", "fixtures/warned.json", "fixtures/invalid.json");
    expect(status).toBe(1);
    expect(stdout.split("\n").filter((line) => !line.startsWith(" "))).toEqual([
      "fixtures/invalid.json:2:17: error /next_batch: must be string (schema:type)",
      `fixtures/invalid.json:7:22: error /rooms/joined/!room:example.org/timeline/events/0: event ID "$missing:example.org" is not a key of this room's event_map (event-map-reference)`,
      "fixtures/invalid.json:8:22: error /rooms/joined/!room:example.org/timeline/limited: must be boolean (schema:type)",
      // The warnings are counted, though --quiet does not show them.
      "1 passed, 1 failed, 2 warnings",
      "",
    ]);
  });

  it("checks the schema only with --no-rules", () => {
    const { status, stdout } = validate("--no-rules", "fixtures/warned.json", "fixtures/invalid.json");
    expect(status).toBe(1);
    expect(stdout.split("\n").filter((line) => !line.startsWith(" "))).toEqual([
      "fixtures/invalid.json:2:17: error /next_batch: must be string (schema:type)",
      "fixtures/invalid.json:8:22: error /rooms/joined/!room:example.org/timeline/limited: must be boolean (schema:type)",
      "1 passed, 1 failed",
      "",
    ]);
  });

  it("reports at most --max-issues issues per payload, and says when there were more", () => {
    const { status, stdout } = validate("--max-issues", "1", "fixtures/invalid.json");
    expect(status).toBe(1);
    expect(stdout.split("\n").filter((line) => !line.startsWith(" "))).toEqual([
      "fixtures/invalid.json:2:17: error /next_batch: must be string (schema:type)",
      "fixtures/invalid.json: more issues than --max-issues 1; the rest are not shown",
      "0 passed, 1 failed",
      "",
    ]);
  });

  it("checks another named schema with --schema", () => {
    const event = '{"type": "m.room.message", "content": {"body": "hi"}}';
    const notEvent = '{"type": ["m.room.message"]}';
    const dir = fixtureTree({ "event.json": event, "not-event.json": notEvent });
    try {
      const { status, stdout } = runCli(["validate", "--schema", "Event", "."], { cwd: dir.root });
      expect(status).toBe(1);
      expect(stdout).toBe(
        [
          "not-event.json:1:10: error /type: must be string (schema:type)",
          '  1 | {"type": ["m.room.message"]}',
          "    |          ^",
          "1 passed, 1 failed",
          "",
        ].join("\n"),
      );
      expect(runCli(["validate", "--schema", "Event", "event.json"], { cwd: dir.root }).stdout).toBe("1 passed, 0 failed\n");
    } finally {
      dir.remove();
    }
  });
});

describe("validate, inputs and exit codes", () => {
  it("exits 0 when every payload is valid", () => {
    expect(validate("good")).toEqual({ status: 0, stdout: "2 passed, 0 failed\n", stderr: "" });
  });

  it("validates a file named twice, or by two arguments that overlap, once", () => {
    const { status, stdout } = validate("--format", "json", "good", "good/a.json", "./good/b.json", "good/b.json");
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as { files: { file: string }[] }).files.map((entry) => entry.file)).toEqual(["good/a.json", "good/b.json"]);
  });

  it("names the files of the working directory without a ./ prefix", () => {
    expect(runCli(["validate", "--format", "json", "."], { cwd: tree.path("good") }).stdout).toBe(
      '{"schema":"SyncResponse","rules":true,"files":[\n{"file":"a.json","payloads":[],"passed":1,"failed":0},\n{"file":"b.json","payloads":[],"passed":1,"failed":0}\n],"passed":2,"failed":0,"skipped":0,"warnings":0}\n',
    );
  });

  it("expands glob patterns, in path order, each real file once even through a link loop", () => {
    const { status, stdout } = validate("--format", "json", "fixtures/**/val*.json", "good/*.json");
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { files: { file: string }[] };
    expect(report.files.map((entry) => entry.file)).toEqual([
      "fixtures/nested/deeper/valid.json",
      "fixtures/valid.json",
      "good/a.json",
      "good/b.json",
    ]);
  });

  it("exits 2, naming the file and the reason, when a file cannot be read, after checking the rest", () => {
    const { status, stdout, stderr } = validate("good", "unreadable");
    expect(status).toBe(2);
    expect(stdout).toBe("2 passed, 0 failed, 2 skipped\n");
    expect(stderr).toBe(
      [
        "matrix-sync-contract: cannot read unreadable/dangling.json: dangling symbolic link (its target does not exist)",
        "matrix-sync-contract: cannot read unreadable/self.json: too many levels of symbolic links (a symbolic link loop?)",
        "",
      ].join("\n"),
    );
  });

  it("exits 2 for a path that does not exist, and still checks the others", () => {
    const { status, stdout, stderr } = validate("no-such-file.json", "fixtures/invalid.json");
    expect(status).toBe(2);
    expect(stdout.split("\n").at(-2)).toBe("0 passed, 1 failed, 1 skipped");
    expect(stderr).toBe("matrix-sync-contract: cannot read no-such-file.json: no such file or directory\n");
  });

  it("exits 2 when a directory holds nothing to validate, or a pattern matches nothing", () => {
    expect(validate("empty-dir")).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "matrix-sync-contract: empty-dir: no *.json, *.ndjson, *.jsonl files in this directory\nmatrix-sync-contract: no input matched: nothing to validate\n",
    });
    expect(validate("nothing-*.json")).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "matrix-sync-contract: nothing-*.json: no files match this pattern\nmatrix-sync-contract: no input matched: nothing to validate\n",
    });
  });

  it("exits 2 when one argument of several matches nothing, after checking the others", () => {
    const { status, stdout, stderr } = validate("good", "empty-dir");
    expect({ status, stdout, stderr }).toEqual({
      status: 2,
      stdout: "2 passed, 0 failed\n",
      stderr: "matrix-sync-contract: empty-dir: no *.json, *.ndjson, *.jsonl files in this directory\n",
    });
  });

  it("reports on payloads nested 100,000 levels deep, and never with a stack trace", () => {
    const depth = 100_000;
    const prefix = '{"presence":{"events":[{"type":"m.x","content":';
    const dir = fixtureTree({
      "deep.json": `${prefix}${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}]}}`,
      "deep-broken.json": `${prefix}${'{"a":'.repeat(depth)}}${"}".repeat(depth)}}]}}`,
      "deep-array.json": `${"[".repeat(depth)}${"]".repeat(depth)}`,
    });
    try {
      const { status, stdout, stderr } = runCli(["validate", "--format", "github", "."], { cwd: dir.root });
      expect({ status, stderr }).toEqual({ status: 1, stderr: "" });
      expect(stdout.split("\n")).toEqual([
        "::error file=deep-array.json,line=1,col=1,title=schema%3Atype::(root): must be object",
        `::error file=deep-broken.json,line=1,col=${prefix.length + depth * 5 + 1},title=json::(root): Unexpected character '}', expected a JSON value`,
        "1 passed, 2 failed",
        "",
      ]);
    } finally {
      dir.remove();
    }
  });

  it("takes an explicit file whatever its extension", () => {
    expect(validate("fixtures/notes.txt")).toEqual({
      status: 1,
      stdout:
        "fixtures/notes.txt:1:1: error (root): Unexpected character 'n', expected a JSON value (json)\n  1 | not JSON\n    | ^\n0 passed, 1 failed\n",
      stderr: "",
    });
  });
});
