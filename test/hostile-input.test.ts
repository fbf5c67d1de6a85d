/**
 * Hostile input: what a contract package exists to judge must never make it fall over. Each case
 * gets a clear issue or the right verdict, within the test's timeout (time is bounded by the
 * timeout, never measured). What attacks the command itself (file names, devices and pipes, sizes,
 * streams, bytes that are not UTF-8, a reader that stops early) is in cli-hostile.test.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkSyncQuery, checkSyncResponse, parseSyncRequest, parseSyncResponse, validateSyncResponse } from "../src/index.js";
import { parseJson } from "../lib/json-text.js";
import {
  DEPTH,
  HUNDRED_MB,
  nestedArrays,
  nestedObjects,
  object,
  prototypeKeyed,
  prototypeKeysEverywhere,
  prototypeSnapshot,
  withPrototypeKeys,
} from "./support/arbitrary-hostile.js";
import { repoRoot } from "./support/repo-copy.js";

const BOUNDED = { timeout: 30_000 };
const BOUNDED_LARGE = { timeout: 120_000 };

const jsonIssue = (message: string, line: number, column: number) => ({
  pointer: "",
  message,
  rule: "json",
  severity: "error",
  line,
  column,
});
const schemaIssue = (pointer: string, message: string, keyword = "type") => ({
  pointer,
  message,
  rule: `schema:${keyword}`,
  severity: "error",
});
const invalid = (...issues: object[]) => ({ valid: false, truncated: false, issues });
const NO_ISSUES = { issues: [], truncated: false };

describe("the library", () => {
  test(`nesting ${DEPTH.toLocaleString("en")} levels deep inside an event's content: valid`, BOUNDED, () => {
    const text = object([
      [
        "presence",
        object([
          [
            "events",
            `[${object([
              ["type", '"m.x"'],
              [
                "content",
                object([
                  ["a", nestedArrays(DEPTH)],
                  ["b", nestedObjects(DEPTH)],
                ]),
              ],
            ])}]`,
          ],
        ]),
      ],
    ]);
    const result = parseSyncResponse(text);
    expect(result).toMatchObject({ valid: true, ...NO_ISSUES });
    expect(validateSyncResponse(JSON.parse(text))).toBe(true);
  });

  test(`nesting ${DEPTH.toLocaleString("en")} levels deep at the top: the right verdict`, BOUNDED, () => {
    expect(parseSyncResponse(nestedArrays(DEPTH))).toEqual(invalid(schemaIssue("", "must be object")));
    // An undeclared key may hold anything, however deep.
    expect(parseSyncResponse(nestedObjects(DEPTH))).toMatchObject({ valid: true, ...NO_ISSUES });
    expect(parseSyncResponse(object([["next_batch", nestedArrays(DEPTH)]]))).toEqual(invalid(schemaIssue("/next_batch", "must be string")));
    expect(parseSyncResponse("[".repeat(DEPTH))).toEqual(invalid(jsonIssue("Unexpected end of JSON input", 1, DEPTH + 1)));
  });

  test("__proto__, constructor and prototype at every level: valid, and Object.prototype untouched", BOUNDED, () => {
    const before = prototypeSnapshot();
    const text = prototypeKeysEverywhere();
    expect(parseSyncResponse(text)).toMatchObject({ valid: true, ...NO_ISSUES });
    expect(checkSyncResponse(JSON.parse(text))).toMatchObject({ valid: true, ...NO_ISSUES });
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("__proto__, constructor and prototype where they break the contract: each issue at its own key", BOUNDED, () => {
    const before = prototypeSnapshot();
    const event = object([["type", '"m.room.message"']]);
    // Names Object.prototype has: an `in` check would take them for event_map keys.
    const listed = JSON.stringify(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"]);
    const room = object([
      [
        "event_map",
        object([
          ["__proto__", event],
          ["prototype", event],
        ]),
      ],
      ["state", object([["events", listed]])],
    ]);
    const inviteEvent = object([
      ["type", '"m.room.member"'],
      ["__proto__", object([["polluted", "true"]])],
    ]);
    const text = object([
      [
        "rooms",
        object([
          [
            "joined",
            object([
              ["__proto__", room],
              ["constructor", "5"],
            ]),
          ],
          ["invited", object([["prototype", object([["invite_state", object([["events", `[${inviteEvent}]`]])]])]])],
          ["archived", object([["constructor", object([["ephemeral", object([])]])]])],
        ]),
      ],
    ]);
    const missing = (index: number, id: string) => ({
      pointer: `/rooms/joined/__proto__/state/events/${index}`,
      message: `event ID "${id}" is not a key of this room's event_map`,
      rule: "event-map-reference",
      severity: "error",
    });
    expect(parseSyncResponse(text)).toEqual(
      invalid(
        schemaIssue("/rooms/joined/constructor", "must be object"),
        missing(1, "constructor"),
        missing(3, "toString"),
        missing(4, "hasOwnProperty"),
        {
          pointer: "/rooms/invited/prototype/invite_state/events/0/__proto__",
          message: 'an invite_state event may only have sender, type, state_key, content; not "__proto__"',
          rule: "invite-state-keys",
          severity: "error",
        },
        {
          pointer: "/rooms/archived/constructor/ephemeral",
          message: "an archived room has no ephemeral key",
          rule: "archived-no-ephemeral",
          severity: "error",
        },
      ),
    );
    expect(prototypeSnapshot()).toEqual(before);
  });

  test("__proto__, constructor and prototype as query parameters: ignored, and Object.prototype untouched", BOUNDED, () => {
    const before = prototypeSnapshot();
    const expected = { ok: true, query: { timeout: 5 } };
    expect(parseSyncRequest("/sync?__proto__=1&constructor=2&prototype=3&timeout=5")).toEqual(expected);
    expect(parseSyncRequest(JSON.parse(object(withPrototypeKeys([["timeout", '"5"']], '"1"'))))).toEqual(expected);
    const query = JSON.parse(prototypeKeyed('"x"'));
    expect(checkSyncQuery(query)).toEqual({ valid: true, value: query, ...NO_ISSUES });
    expect(Object.keys(query)).toEqual(["__proto__", "constructor", "prototype"]);
    expect(prototypeSnapshot()).toEqual(before);
  });

  test("a 100 MB string: valid where a string belongs, rejected where it does not, a json issue when unterminated", BOUNDED_LARGE, () => {
    const big = "x".repeat(HUNDRED_MB);
    const valid = parseSyncResponse(`{"next_batch":"${big}"}`);
    expect(valid.valid).toBe(true);
    expect(valid.issues).toEqual([]);
    expect(parseSyncResponse(`{"presence":"${big}"}`)).toEqual(invalid(schemaIssue("/presence", "must be object")));
    expect(parseSyncResponse(`{"next_batch":"${big}`)).toEqual(
      invalid(jsonIssue("Unexpected character '\"', expected a JSON value", 1, 15)),
    );
    expect(parseSyncResponse(`{"next_batch":"${big}",}`)).toEqual(
      invalid(jsonIssue("Unexpected character '}', expected a property name in double quotes", 1, HUNDRED_MB + 18)),
    );
  });

  test("numbers beyond 2^53: judged by where they are", BOUNDED, () => {
    const content = object([
      ["n", "9007199254740993"],
      ["huge", "1e400"],
      ["tiny", "-1e400"],
    ]);
    expect(parseSyncResponse(object([["presence", object([["events", `[${object([["content", content]])}]`]])]]))).toMatchObject({
      valid: true,
      ...NO_ISSUES,
    });
    expect(parseSyncResponse('{"next_batch":9007199254740993}')).toEqual(invalid(schemaIssue("/next_batch", "must be string")));
    expect(parseSyncResponse('{"rooms":{"joined":{"!r":{"timeline":{"limited":1e400}}}}}')).toEqual(
      invalid(schemaIssue("/rooms/joined/!r/timeline/limited", "must be boolean")),
    );
    // 1e400 reads as Infinity, which no integer is.
    expect(checkSyncQuery(JSON.parse('{"timeout":1e400}'))).toEqual(invalid(schemaIssue("/timeout", "must be integer")));
    expect(parseSyncRequest("/sync?timeout=9007199254740991")).toEqual({ ok: true, query: { timeout: 9007199254740991 } });
    expect(parseSyncRequest("/sync?timeout=9007199254740993")).toEqual({
      ok: false,
      status: 400,
      body: { errcode: "M_INVALID_PARAM", error: 'timeout: must be an integer from -(2^53 - 1) to 2^53 - 1, not "9007199254740993"' },
    });
  });

  test("duplicate keys: the last one counts, as JSON.parse reads them", BOUNDED, () => {
    expect(parseSyncResponse('{"next_batch":1,"next_batch":"s1"}')).toEqual({ valid: true, value: { next_batch: "s1" }, ...NO_ISSUES });
    expect(parseSyncResponse('{"next_batch":"s1","next_batch":1}')).toEqual(invalid(schemaIssue("/next_batch", "must be string")));
    const room = '{"event_map":{"$e":{"type":"m.x"},"$e":5},"state":{"events":["$e"]}}';
    expect(parseSyncResponse(`{"rooms":{"joined":{"!r":${room}}}}`)).toEqual(
      invalid(schemaIssue("/rooms/joined/!r/event_map/$e", "must be object")),
    );
    expect(parseSyncRequest("/sync?timeout=1&timeout=2")).toEqual({
      ok: false,
      status: 400,
      body: { errcode: "M_INVALID_PARAM", error: "timeout: the parameter is given 2 times; give it once" },
    });
  });

  test("a UTF-8 byte-order mark: ignored at the start of a response, an issue anywhere else", BOUNDED, () => {
    expect(parseSyncResponse('\ufeff{"next_batch":"s1"}')).toEqual({ valid: true, value: { next_batch: "s1" }, ...NO_ISSUES });
    expect(parseSyncResponse('{"next_batch":"s1"}\ufeff')).toEqual(
      invalid(jsonIssue("Unexpected character U+FEFF, expected the end of the input", 1, 20)),
    );
    expect(parseJson("\ufeff{}")).toEqual({
      ok: false,
      message: "Unexpected character U+FEFF, expected a JSON value",
      offset: 0,
      position: { line: 1, column: 1 },
    });
  });

  test("lone surrogates: kept as they are, in values, keys and pointers", BOUNDED, () => {
    expect(parseSyncResponse('{"next_batch":"\\ud800"}')).toEqual({ valid: true, value: { next_batch: "\ud800" }, ...NO_ISSUES });
    expect(parseSyncResponse('{"next_batch":"\udc00"}')).toEqual({ valid: true, value: { next_batch: "\udc00" }, ...NO_ISSUES });
    const room = '{"event_map":{"\\udc00":{"type":"m.x"}},"state":{"events":["\\udc00"]},"timeline":{"events":["\\ud800"]}}';
    expect(parseSyncResponse(`{"rooms":{"joined":{"\\ud800":${room}}}}`)).toEqual(
      invalid({
        pointer: "/rooms/joined/\ud800/timeline/events/0",
        message: 'event ID "\\ud800" is not a key of this room\'s event_map',
        rule: "event-map-reference",
        severity: "error",
      }),
    );
    expect(parseSyncRequest({ since: "\ud800" })).toEqual({ ok: true, query: { since: "\ud800" } });
    // Percent-encoded bytes that are not UTF-8 (a surrogate written as CESU-8) decode to U+FFFD.
    expect(parseSyncRequest("/sync?since=%ED%A0%80")).toEqual({ ok: true, query: { since: "\ufffd\ufffd\ufffd" } });
  });

  test("empty input: a json issue at its end", BOUNDED, () => {
    expect(parseSyncResponse("")).toEqual(invalid(jsonIssue("Unexpected end of JSON input", 1, 1)));
    expect(parseSyncResponse("  \n ")).toEqual(invalid(jsonIssue("Unexpected end of JSON input", 2, 2)));
    expect(parseSyncResponse("\ufeff")).toEqual(invalid(jsonIssue("Unexpected end of JSON input", 1, 1)));
    expect(parseSyncRequest("")).toEqual({ ok: true, query: {} });
    expect(parseSyncRequest({})).toEqual({ ok: true, query: {} });
  });

  test("bytes that are not JSON: a json issue at the first of them", BOUNDED, () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString("utf8");
    expect(parseSyncResponse(png)).toEqual(invalid(jsonIssue("Unexpected character '\ufffd', expected a JSON value", 1, 1)));
    expect(parseSyncResponse("\u0000\u0001")).toEqual(invalid(jsonIssue("Unexpected character U+0000, expected a JSON value", 1, 1)));
    expect(parseSyncResponse("<html><body>502 Bad Gateway</body></html>")).toEqual(
      invalid(jsonIssue("Unexpected character '<', expected a JSON value", 1, 1)),
    );
    expect(parseSyncResponse('{"next_batch":"s1"}\n\u0000')).toEqual(
      invalid(jsonIssue("Unexpected character U+0000, expected the end of the input", 2, 1)),
    );
    expect(parseSyncRequest("http://[::1")).toEqual({
      ok: false,
      status: 400,
      body: { errcode: "M_INVALID_PARAM", error: "the request URL cannot be parsed" },
    });
  });
});

interface CommandRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `validate` on one file holding `content`, from source, and returns what it said. */
function validateFile(content: string | Buffer, args: string[] = ["--format", "json"]): CommandRun {
  const dir = mkdtempSync(join(tmpdir(), "matrix-sync-contract-hostile-"));
  try {
    const file = join(dir, "payload.json");
    writeFileSync(file, content);
    // The child's own timeout bounds a hang; the test's timeout is longer.
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "validate", ...args, file], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 90_000,
      maxBuffer: 64 * 2 ** 20,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The issues of the one payload in a `--format json` report, as pointer, rule and message. */
function reportedIssues(run: CommandRun): { pointer: string; rule: string; message: string }[] {
  const report = JSON.parse(run.stdout) as { files: { payloads: { issues: { pointer: string; rule: string; message: string }[] }[] }[] };
  return report.files.flatMap((file) =>
    file.payloads.flatMap((payload) => payload.issues.map(({ pointer, rule, message }) => ({ pointer, rule, message }))),
  );
}

/** A run that judged the file: the exit code of its verdict, nothing on stderr, and the issues it reported. */
function expectVerdict(run: CommandRun, status: 0 | 1, issues: { pointer: string; rule: string; message: string }[]): void {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(status);
  expect(reportedIssues(run)).toEqual(issues);
}

const COMMAND_BOUNDED = { timeout: 120_000 };
const issue = (pointer: string, rule: string, message: string) => ({ pointer, rule, message });

describe("the command", () => {
  test(`nesting ${DEPTH.toLocaleString("en")} levels deep, inside content and at the top`, COMMAND_BOUNDED, () => {
    const content = object([["presence", object([["events", `[${object([["content", object([["a", nestedArrays(DEPTH)]])]])}]`]])]]);
    expectVerdict(validateFile(content), 0, []);
    expectVerdict(validateFile(nestedArrays(DEPTH)), 1, [issue("", "schema:type", "must be object")]);
    expectVerdict(validateFile("[".repeat(DEPTH)), 1, [issue("", "json", "Unexpected end of JSON input")]);
  });

  test("__proto__, constructor and prototype at every level", COMMAND_BOUNDED, () => {
    expectVerdict(validateFile(prototypeKeysEverywhere()), 0, []);
    const broken = object(withPrototypeKeys([["rooms", object([["joined", object([["constructor", "5"]])]])]]));
    expectVerdict(validateFile(broken), 1, [issue("/rooms/joined/constructor", "schema:type", "must be object")]);
  });

  test("a 100 MB string: judged, reported in a few lines, never echoed whole", COMMAND_BOUNDED, () => {
    const big = "x".repeat(HUNDRED_MB);
    expectVerdict(validateFile(`{"next_batch":"${big}"}`), 0, []);
    expectVerdict(validateFile(`{"next_batch":"${big}`), 1, [issue("", "json", "Unexpected character '\"', expected a JSON value")]);
    const pretty = validateFile(`{"presence":"${big}"}`, []);
    expect(pretty.status).toBe(1);
    expect(pretty.stderr).toBe("");
    expect(pretty.stdout.split("\n")[0]).toMatch(/payload\.json:1:13: error \/presence: must be object \(schema:type\)$/);
    expect(pretty.stdout.length).toBeLessThan(2_000);
  });

  test("numbers beyond 2^53", COMMAND_BOUNDED, () => {
    expectVerdict(validateFile('{"presence":{"events":[{"content":{"n":9007199254740993,"huge":1e400}}]}}'), 0, []);
    expectVerdict(validateFile('{"next_batch":9007199254740993}'), 1, [issue("/next_batch", "schema:type", "must be string")]);
    expectVerdict(validateFile('{"timeout":1e400}', ["--schema", "SyncQuery", "--format", "json"]), 1, [
      issue("/timeout", "schema:type", "must be integer"),
    ]);
  });

  test("duplicate keys: the last one counts", COMMAND_BOUNDED, () => {
    expectVerdict(validateFile('{"next_batch":1,"next_batch":"s1"}'), 0, []);
    expectVerdict(validateFile('{"next_batch":"s1","next_batch":1}'), 1, [issue("/next_batch", "schema:type", "must be string")]);
  });

  test("a UTF-8 byte-order mark", COMMAND_BOUNDED, () => {
    expectVerdict(validateFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"next_batch":"s1"}')])), 0, []);
  });

  test("lone surrogates: escaped, valid; as bytes (CESU-8), not UTF-8 and so not JSON text", COMMAND_BOUNDED, () => {
    expectVerdict(validateFile('{"next_batch":"\\ud800","rooms":{"joined":{"\\udc00":{}}}}'), 0, []);
    expectVerdict(validateFile(Buffer.concat([Buffer.from('{"next_batch":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])), 1, [
      issue("", "json", "the byte 0xed is not UTF-8; JSON text must be UTF-8"),
    ]);
  });

  test("empty input", COMMAND_BOUNDED, () => {
    expectVerdict(validateFile(""), 1, [issue("", "json", "empty input, expected a JSON value")]);
  });

  test("bytes that are not JSON", COMMAND_BOUNDED, () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expectVerdict(validateFile(png), 1, [issue("", "json", "the byte 0x89 is not UTF-8; JSON text must be UTF-8")]);
    const nul = "Unexpected character U+0000, expected a JSON value; this looks like binary data, not UTF-8 JSON text";
    expectVerdict(validateFile(Buffer.from([0x00, 0x01, 0x02])), 1, [issue("", "json", nul)]);
    expectVerdict(validateFile("<html><body>502 Bad Gateway</body></html>"), 1, [
      issue("", "json", "Unexpected character '<', expected a JSON value"),
    ]);
  });
});
