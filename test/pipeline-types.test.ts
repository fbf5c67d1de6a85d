/**
 * Stage 5's type rule (docs/naming.md), schema by schema: the open types
 * allow exactly the keys the schemas allow, the closed ones (generated/types.ts's `Closed`) allow other
 * keys only where a schema says so itself, and every declaration compiles.
 */
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { writeNamedTypes } from "../scripts/generate/5-write-types.js";
import type { JsonSchema, SchemaLayout } from "../scripts/generate/types.js";

const layout = (definitions: Record<string, JsonSchema>): SchemaLayout => ({
  names: Object.keys(definitions),
  definitions,
  origins: {},
  components: {},
});

const both = async (definitions: Record<string, JsonSchema>) => ({
  open: await writeNamedTypes(layout(definitions), true),
  closed: await writeNamedTypes(layout(definitions), false),
});

/** The TypeScript errors of `text` compiled alone, strictly. */
function compileErrors(text: string): string[] {
  const options = { strict: true, noEmit: true, types: [], lib: ["lib.es2023.d.ts"] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile } = host;
  host.getSourceFile = (file, language, ...rest) =>
    file === "/types.ts" ? ts.createSourceFile(file, text, language) : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram({ rootNames: ["/types.ts"], options, host });
  return program.getSemanticDiagnostics().map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, " "));
}

describe("other keys", () => {
  test("unsaid with listed properties: an index signature in the open type, none in the closed one", async () => {
    expect(await both({ Note: { type: "object", properties: { body: { type: "string" } } } })).toEqual({
      open: "export interface Note {\n  body?: string;\n  [k: string]: unknown;\n}\n",
      closed: "export interface Note {\n  body?: string;\n}\n",
    });
  });

  test("additionalProperties: false gives no index signature in either", async () => {
    const types = await both({ Sealed: { type: "object", properties: { body: { type: "string" } }, additionalProperties: false } });
    expect(types).toEqual({
      open: "export interface Sealed {\n  body?: string;\n}\n",
      closed: "export interface Sealed {\n  body?: string;\n}\n",
    });
  });

  test("additionalProperties: true, or nothing listed, gives unknown values in both", async () => {
    const explicit = "export interface Said {\n  body?: string;\n  [k: string]: unknown;\n}\n";
    const free = "export interface Free {\n  [k: string]: unknown;\n}\n";
    expect(await both({ Said: { type: "object", properties: { body: { type: "string" } }, additionalProperties: true } })).toEqual({
      open: explicit,
      closed: explicit,
    });
    expect(await both({ Free: { type: "object" } })).toEqual({ open: free, closed: free });
  });

  test("a schema for other keys gives their values its type, joined with the listed fields' types", async () => {
    const counts = "export interface Counts {\n  [k: string]: number;\n}\n";
    expect(await both({ Counts: { type: "object", additionalProperties: { type: "integer" } } })).toEqual({ open: counts, closed: counts });
    const definitions = {
      Tagged: {
        type: "object",
        properties: { name: { type: "string" }, note: { $ref: "#/definitions/Note" } },
        required: ["name"],
        additionalProperties: { type: "integer" },
      },
      Note: { type: "object", properties: { body: { type: "string" } }, additionalProperties: false },
    };
    const { open, closed } = await both(definitions);
    expect(open).toBe(
      "export interface Tagged {\n  name: string;\n  note?: Note;\n  [k: string]: number | string | Note | undefined;\n}\n\n" +
        "export interface Note {\n  body?: string;\n}\n",
    );
    expect(closed).toBe(open);
    // TypeScript holds every field to the index signature: with `number` alone this would not compile.
    expect(compileErrors(open)).toEqual([]);
  });
});

describe("what else the validators accept", () => {
  test("nullable: true adds null", async () => {
    const { open } = await both({ Maybe: { type: "object", properties: { reason: { type: "string", nullable: true } } } });
    expect(open).toBe("export interface Maybe {\n  reason?: string | null;\n  [k: string]: unknown;\n}\n");
  });

  test("an allOf of plain objects is one interface, closed when a part forbids other keys", async () => {
    const parts = [
      { type: "object", properties: { a: { type: "string" } } },
      { type: "object", properties: { b: { type: "boolean" } } },
    ];
    const { open, closed } = await both({ Merged: { type: "object", allOf: parts } });
    expect(open).toBe("export interface Merged {\n  a?: string;\n  b?: boolean;\n  [k: string]: unknown;\n}\n");
    expect(closed).toBe("export interface Merged {\n  a?: string;\n  b?: boolean;\n}\n");
    const sealed = await both({ Merged: { type: "object", allOf: [parts[0]!, { ...parts[1]!, additionalProperties: false }] } });
    expect(sealed.open).toBe("export interface Merged {\n  a?: string;\n  b?: boolean;\n}\n");
  });

  test("a named schema extended with allOf: the intersection, open as the extension is", async () => {
    const definitions = {
      RoomEvent: {
        type: "object",
        allOf: [{ $ref: "#/definitions/Event" }],
        properties: { event_id: { type: "string" } },
        required: ["event_id"],
      },
      Event: { type: "object", properties: { type: { type: "string" } } },
    };
    const { open, closed } = await both(definitions);
    expect(open).toBe(
      "export type RoomEvent = Event & {\n  event_id: string;\n  [k: string]: unknown;\n};\n\n" +
        "export interface Event {\n  type?: string;\n  [k: string]: unknown;\n}\n",
    );
    expect(closed).toBe("export type RoomEvent = Event & {\n  event_id: string;\n};\n\nexport interface Event {\n  type?: string;\n}\n");
    const literal = `${open}\nexport const e: RoomEvent = { type: "m.room.message", event_id: "$e", sender: "@a:x", content: {} };\n`;
    expect(compileErrors(literal)).toEqual([]);
  });
});
