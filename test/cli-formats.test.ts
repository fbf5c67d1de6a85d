/**
 * The machine-readable formats of `validate`, each read back the way its consumer reads it: JSON
 * parsed, JUnit XML parsed by a strict XML 1.0 reader, GitHub annotations matched line by line.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureTree, runCli, textAt, type FixtureTree } from "./support/cli.js";

const INVALID = '{\n  "next_batch": 42,\n  "presence": {"events": 7}\n}\n';
// A key with what every format must escape: markup, percent signs, separators, a newline, a control character.
const ODD_KEY = '$<&"%,:\n\u0001>';
const WARNED_LINE = JSON.stringify({ rooms: { joined: { "!r:x": { event_map: { [ODD_KEY]: { type: "m.x", content: {} } } } } } });
const CAPTURE = `{"next_batch":"s1"}\n{"next_batch":2}\n\n${WARNED_LINE}\n`;
const WARNING_COLUMN = WARNED_LINE.indexOf('{"type"') + 1;
const ODD_POINTER = `/rooms/joined/!r:x/event_map/${ODD_KEY}`;
const EMPTY = { pointer: "", message: "empty input, expected a JSON value", rule: "json" };
const PIPE = "a named pipe (FIFO), not a regular file: not read when found in a directory (name it to read it)";

let tree: FixtureTree;

beforeAll(() => {
  tree = fixtureTree({
    "a-invalid.json": INVALID,
    "b-valid.json": '{"next_batch": "s2"}',
    "c-capture.ndjson": CAPTURE,
    "d-gone.json": { symlink: "missing.json" },
    "e-blank.ndjson": "\n  \n\t\n",
  });
  // A named pipe found in a directory is noted, never opened: no writer would ever come.
  execFileSync("mkfifo", [tree.path("f-pipe.json")]);
});

afterAll(() => tree.remove());

const validate = (...args: string[]) => runCli(["validate", ...args], { cwd: tree.root });

it("reports positions that are where the offending values are", () => {
  expect(textAt(INVALID, 2, 17)).toBe("42,");
  expect(textAt(INVALID, 3, 26)).toBe("7}");
  expect(textAt(CAPTURE, 2, 15)).toBe("2}");
  expect(WARNING_COLUMN).toBe(62);
  expect(textAt(CAPTURE, 4, 62).startsWith('{"type":"m.x"')).toBe(true);
});

describe("--format json", () => {
  it("writes one report with every file, its counts, and the payloads with issues", () => {
    const { status, stdout, stderr } = validate("--format", "json", ".");
    expect(status).toBe(2);
    expect(stderr).toBe("matrix-sync-contract: cannot read d-gone.json: dangling symbolic link (its target does not exist)\n");
    expect(JSON.parse(stdout)).toEqual({
      schema: "SyncResponse",
      rules: true,
      files: [
        {
          file: "a-invalid.json",
          payloads: [
            {
              valid: false,
              truncated: false,
              issues: [
                { pointer: "/next_batch", message: "must be string", rule: "schema:type", severity: "error", line: 2, column: 17 },
                { pointer: "/presence/events", message: "must be array", rule: "schema:type", severity: "error", line: 3, column: 26 },
              ],
            },
          ],
          passed: 0,
          failed: 1,
        },
        { file: "b-valid.json", payloads: [], passed: 1, failed: 0 },
        {
          file: "c-capture.ndjson",
          payloads: [
            {
              line: 2,
              valid: false,
              truncated: false,
              issues: [{ pointer: "/next_batch", message: "must be string", rule: "schema:type", severity: "error", line: 2, column: 15 }],
            },
            {
              line: 4,
              valid: true,
              truncated: false,
              issues: [
                {
                  pointer: ODD_POINTER,
                  message: "no state or timeline of this room references this event",
                  rule: "event-map-unreferenced",
                  severity: "warning",
                  line: 4,
                  column: 62,
                },
              ],
            },
          ],
          passed: 2,
          failed: 1,
        },
        {
          file: "d-gone.json",
          payloads: [],
          passed: 0,
          failed: 0,
          skipped: { reason: "dangling symbolic link (its target does not exist)", error: true },
        },
        {
          file: "e-blank.ndjson",
          payloads: [{ valid: false, truncated: false, issues: [{ ...EMPTY, severity: "error", line: 1, column: 1 }] }],
          passed: 0,
          failed: 1,
        },
        { file: "f-pipe.json", payloads: [], passed: 0, failed: 0, skipped: { reason: PIPE, error: false } },
      ],
      passed: 3,
      failed: 3,
      skipped: 2,
      warnings: 1,
    });
  });

  it("leaves out warnings with --quiet, and says which checks ran", () => {
    const { status, stdout } = validate("--format", "json", "--quiet", "--no-rules", "c-capture.ndjson");
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      schema: "SyncResponse",
      rules: false,
      files: [
        {
          file: "c-capture.ndjson",
          payloads: [
            {
              line: 2,
              valid: false,
              truncated: false,
              issues: [{ pointer: "/next_batch", message: "must be string", rule: "schema:type", severity: "error", line: 2, column: 15 }],
            },
          ],
          passed: 2,
          failed: 1,
        },
      ],
      passed: 2,
      failed: 1,
      skipped: 0,
      warnings: 0,
    });
  });
});

describe("--format github", () => {
  it("writes one workflow command per issue, escaped, then the summary", () => {
    const { status, stdout } = validate("--format", "github", ".");
    expect(status).toBe(2);
    expect(stdout.split("\n")).toEqual([
      "::error file=a-invalid.json,line=2,col=17,title=schema%3Atype::/next_batch: must be string",
      "::error file=a-invalid.json,line=3,col=26,title=schema%3Atype::/presence/events: must be array",
      "::error file=c-capture.ndjson,line=2,col=15,title=schema%3Atype::/next_batch: must be string",
      `::warning file=c-capture.ndjson,line=4,col=62,title=event-map-unreferenced::/rooms/joined/!r:x/event_map/$<&"%25,:\\n\\x01>: no state or timeline of this room references this event`,
      "::error file=d-gone.json,title=cannot read::dangling symbolic link (its target does not exist)",
      "::error file=e-blank.ndjson,line=1,col=1,title=json::(root): empty input, expected a JSON value",
      `::notice file=f-pipe.json,title=skipped::${PIPE}`,
      "3 passed, 3 failed, 1 warning, 2 skipped",
      "",
    ]);
  });

  it("escapes a file name's separators, and reports standard input in the message", () => {
    const dir = fixtureTree({ "a,b:c%.json": "[]" });
    try {
      expect(runCli(["validate", "--format", "github", "a,b:c%.json"], { cwd: dir.root }).stdout).toBe(
        "::error file=a%2Cb%3Ac%25.json,line=1,col=1,title=schema%3Atype::(root): must be object\n0 passed, 1 failed\n",
      );
      expect(runCli(["validate", "--format", "github", "-"], { cwd: dir.root, stdin: '{"next_batch": 1}' }).stdout).toBe(
        "::error title=schema%3Atype::<stdin>:1:16: /next_batch: must be string\n0 passed, 1 failed\n",
      );
    } finally {
      dir.remove();
    }
  });
});

/** An XML element as the strict reader below returns it. */
interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict reader for the XML 1.0 subset JUnit reports use: a declaration, elements, attributes in
 * double quotes, text, and the five predefined and numeric character references. It throws on
 * anything not well-formed: mismatched tags, duplicate attributes, raw `<` or `&`, characters XML
 * cannot hold, more than one root.
 */
function parseXml(xml: string): XmlElement {
  const NAME = /[A-Za-z_][\w.-]*/y;
  const XML_CHARS = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
  if (!XML_CHARS.test(xml)) throw new Error("a character XML cannot hold");
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${at}: ${JSON.stringify(xml.slice(at, at + 30))}`);
  };
  const name = () => {
    NAME.lastIndex = at;
    const match = NAME.exec(xml) ?? fail("expected a name");
    at = NAME.lastIndex;
    return match[0];
  };
  const spaces = () => {
    while (/\s/.test(xml[at] ?? "")) at++;
  };
  const decode = (raw: string) => {
    if (/<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) fail("a raw < or & in character data");
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, ref: string) =>
      ref.startsWith("#x")
        ? String.fromCodePoint(parseInt(ref.slice(2), 16))
        : ref.startsWith("#")
          ? String.fromCodePoint(Number(ref.slice(1)))
          : named[ref]!,
    );
  };
  if (xml.startsWith("<?xml")) at = xml.indexOf("?>") + 2;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (;;) {
    const next = xml.indexOf("<", at);
    const text = xml.slice(at, next === -1 ? xml.length : next);
    if (stack.length === 0) {
      if (text.trim() !== "") fail("text outside the root element");
    } else {
      stack.at(-1)!.text += decode(text);
    }
    if (next === -1) break;
    at = next + 1;
    if (xml[at] === "/") {
      at++;
      const closing = name();
      spaces();
      if (xml[at] !== ">") fail("expected >");
      at++;
      if (stack.pop()?.name !== closing) fail(`a mismatched </${closing}>`);
      continue;
    }
    if (xml[at] === "!" || xml[at] === "?") fail("a comment, CDATA section or processing instruction");
    if (root !== undefined && stack.length === 0) fail("a second root element");
    const element: XmlElement = { name: name(), attributes: {}, children: [], text: "" };
    for (;;) {
      const before = at;
      spaces();
      if (xml[at] === "/" || xml[at] === ">") break;
      if (at === before) fail("expected a space before an attribute");
      const attribute = name();
      if (xml.slice(at, at + 2) !== '="') fail('expected ="');
      const end = xml.indexOf('"', at + 2);
      if (end === -1) fail("an unterminated attribute value");
      if (Object.hasOwn(element.attributes, attribute)) fail(`a duplicate attribute ${attribute}`);
      element.attributes[attribute] = decode(xml.slice(at + 2, end));
      at = end + 1;
    }
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    else root = element;
    if (xml[at] === "/") {
      if (xml[at + 1] !== ">") fail("expected />");
      at += 2;
    } else {
      at++;
      stack.push(element);
    }
  }
  if (stack.length > 0) fail(`an unclosed <${stack.at(-1)!.name}>`);
  return root ?? fail("no root element");
}

/** The element without whitespace-only text, for comparing structure. */
function shape({ name, attributes, children, text }: XmlElement): unknown {
  return { name, attributes, ...(text.trim() !== "" && { text }), ...(children.length > 0 && { children: children.map(shape) }) };
}

describe("--format junit", () => {
  const classname = "matrix-sync-contract.SyncResponse";
  const testcase = (name: string, file: string, ...children: unknown[]) => ({
    name: "testcase",
    attributes: { classname, name, file },
    ...(children.length > 0 && { children }),
  });
  const suite = (name: string, counts: [tests: number, failures: number, errors: number, skipped: number], ...children: unknown[]) => ({
    name: "testsuite",
    attributes: { name, tests: String(counts[0]), failures: String(counts[1]), errors: String(counts[2]), skipped: String(counts[3]) },
    children,
  });

  it("writes well-formed XML with a suite per file and a case per payload", () => {
    const { status, stdout } = validate("--format", "junit", ".");
    expect(status).toBe(2);
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(shape(parseXml(stdout))).toEqual({
      name: "testsuites",
      attributes: { name: "matrix-sync-contract validate" },
      children: [
        suite(
          "a-invalid.json",
          [1, 1, 0, 0],
          testcase("a-invalid.json", "a-invalid.json", {
            name: "failure",
            attributes: { message: "/next_batch: must be string (and 1 more)", type: "schema:type" },
            text: "a-invalid.json:2:17: error /next_batch: must be string (schema:type)\na-invalid.json:3:26: error /presence/events: must be array (schema:type)",
          }),
        ),
        suite("b-valid.json", [1, 0, 0, 0], testcase("b-valid.json", "b-valid.json")),
        suite(
          "c-capture.ndjson",
          [3, 1, 0, 0],
          testcase("c-capture.ndjson:1", "c-capture.ndjson"),
          testcase("c-capture.ndjson:2", "c-capture.ndjson", {
            name: "failure",
            attributes: { message: "/next_batch: must be string", type: "schema:type" },
            text: "c-capture.ndjson:2:15: error /next_batch: must be string (schema:type)",
          }),
          testcase("c-capture.ndjson:4", "c-capture.ndjson", {
            name: "system-out",
            attributes: {},
            // U+0001 cannot be in XML at all, so it is spelled out.
            text: 'c-capture.ndjson:4:62: warning /rooms/joined/!r:x/event_map/$<&"%,:\\n\\x01>: no state or timeline of this room references this event (event-map-unreferenced)',
          }),
        ),
        suite(
          "d-gone.json",
          [1, 0, 1, 0],
          testcase("d-gone.json", "d-gone.json", {
            name: "error",
            attributes: { message: "cannot read: dangling symbolic link (its target does not exist)", type: "unreadable" },
          }),
        ),
        suite(
          "e-blank.ndjson",
          [1, 1, 0, 0],
          testcase("e-blank.ndjson", "e-blank.ndjson", {
            name: "failure",
            attributes: { message: "(root): empty input, expected a JSON value", type: "json" },
            text: "e-blank.ndjson:1:1: error (root): empty input, expected a JSON value (json)",
          }),
        ),
        suite("f-pipe.json", [1, 0, 0, 1], testcase("f-pipe.json", "f-pipe.json", { name: "skipped", attributes: { message: PIPE } })),
      ],
    });
  });

  it("escapes markup and control characters in attributes, and notes issues beyond --max-issues", () => {
    const invite = JSON.stringify({ rooms: { invited: { "!i:x": { invite_state: { events: [{ type: "m.x", [ODD_KEY]: 1 }] } } } } });
    const { status, stdout } = runCli(["validate", "--format", "junit", "--max-issues", "1", "-"], {
      cwd: tree.root,
      stdin: `${invite}\n{"next_batch": 1, "presence": 2}\n`,
    });
    expect(status).toBe(1);
    expect(stdout).toContain(' message="/rooms/invited/!i:x/invite_state/events/0/$&lt;&amp;&quot;%,:\\n\\x01&gt;: an invite_state event');
    const cases = parseXml(stdout).children[0]!.children;
    expect(cases.map((element) => shape(element))).toEqual([
      testcase("<stdin>:1", "<stdin>", {
        name: "failure",
        attributes: {
          message: `/rooms/invited/!i:x/invite_state/events/0/$<&"%,:\\n\\x01>: an invite_state event may only have sender, type, state_key, content; not "$<&\\"%,:\\n\\u0001>"`,
          type: "invite-state-keys",
        },
        text: `<stdin>:1:${invite.indexOf(":1}") + 2}: error /rooms/invited/!i:x/invite_state/events/0/$<&"%,:\\n\\x01>: an invite_state event may only have sender, type, state_key, content; not "$<&\\"%,:\\n\\u0001>" (invite-state-keys)`,
      }),
      testcase("<stdin>:2", "<stdin>", {
        name: "failure",
        attributes: { message: "/next_batch: must be string", type: "schema:type" },
        text: "<stdin>:2:16: error /next_batch: must be string (schema:type)\nmore issues than --max-issues 1; the rest are not shown",
      }),
    ]);
  });

  it("splits a capture of more than 10,000 lines into suites named by their line ranges", () => {
    const dir = fixtureTree({ "long.ndjson": `${"{}\n".repeat(10_001)}[]\n` });
    try {
      const { status, stdout } = runCli(["validate", "--format", "junit", "long.ndjson"], { cwd: dir.root });
      expect(status).toBe(1);
      const suites = parseXml(stdout).children;
      expect(suites.map((element) => element.attributes)).toEqual([
        { name: "long.ndjson (lines 1–10000)", tests: "10000", failures: "0", errors: "0", skipped: "0" },
        { name: "long.ndjson (lines 10001–10002)", tests: "2", failures: "1", errors: "0", skipped: "0" },
      ]);
      expect(suites.map((element) => element.children.length)).toEqual([10_000, 2]);
      expect(suites[1]!.children.map((element) => element.attributes.name)).toEqual(["long.ndjson:10001", "long.ndjson:10002"]);
    } finally {
      dir.remove();
    }
  });

  it("rejects what is not well-formed (the reader above is strict)", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow("a mismatched </a>");
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow("a duplicate attribute x");
    expect(() => parseXml("<a>AT&T</a>")).toThrow("a raw < or & in character data");
    expect(() => parseXml("<a>1 < 2</a>")).toThrow("expected a name");
    expect(() => parseXml("<a>\u0001</a>")).toThrow("a character XML cannot hold");
    expect(() => parseXml("<a/><b/>")).toThrow("a second root element");
    expect(() => parseXml("<a>")).toThrow("an unclosed <a>");
  });
});
