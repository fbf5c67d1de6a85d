/**
 * parseJson's syntax errors, as a person fixing a payload reads them: the character found, what was
 * expected there, and the line and column to jump to, after every kind of value and in every kind of
 * container.
 */
import { describe, expect, it } from "vitest";
import { parseJson } from "../lib/json-text.js";

const error = (text: string) => {
  const result = parseJson(text);
  if (result.ok) throw new Error(`parsed: ${text}`);
  return { message: result.message, offset: result.offset, line: result.position.line, column: result.position.column };
};

describe("parseJson after a complete value", () => {
  it.each([
    ["-1 x", 3],
    ["1.5 x", 4],
    ["1e5 x", 4],
    ["-0.25E-3 x", 9],
    ['"a\\n" x', 6],
    ['"\\u00e9"x', 8],
    ["true x", 5],
  ])("%j: the end of the input was expected where x is", (text, offset) => {
    expect(error(text)).toEqual({
      message: "Unexpected character 'x', expected the end of the input",
      offset,
      line: 1,
      column: offset + 1,
    });
  });
});

describe("parseJson inside an array", () => {
  it("two items without a comma: expected ',' or ']'", () => {
    expect(error("[1 2]")).toEqual({ message: "Unexpected character '2', expected ',' or ']'", offset: 3, line: 1, column: 4 });
  });

  it("a trailing comma: expected a JSON value at the bracket", () => {
    expect(error("[1,]")).toEqual({ message: "Unexpected character ']', expected a JSON value", offset: 3, line: 1, column: 4 });
  });

  it("an array closed with a brace: expected ',' or ']'", () => {
    expect(error("[1}")).toEqual({ message: "Unexpected character '}', expected ',' or ']'", offset: 2, line: 1, column: 3 });
  });

  it("on a later line: the line and column of the item", () => {
    expect(error("[\n  1\n  2]")).toEqual({ message: "Unexpected character '2', expected ',' or ']'", offset: 8, line: 3, column: 3 });
    expect(error("[1,\n2,\n x]")).toEqual({ message: "Unexpected character 'x', expected a JSON value", offset: 8, line: 3, column: 2 });
  });

  it("an array nested in an object, closed with the object's brace", () => {
    expect(error('{"x":[1,{"y":2}}')).toEqual({
      message: "Unexpected character '}', expected ',' or ']'",
      offset: 15,
      line: 1,
      column: 16,
    });
  });
});

describe("parseJson inside an object", () => {
  it("a missing colon: expected ':'", () => {
    expect(error('{"a" 1}')).toEqual({ message: "Unexpected character '1', expected ':'", offset: 5, line: 1, column: 6 });
  });

  it("two members without a comma: expected ',' or '}'", () => {
    expect(error('{"a":1 "b":2}')).toEqual({ message: "Unexpected character '\"', expected ',' or '}'", offset: 7, line: 1, column: 8 });
    expect(error('{"a\\"b":1 x}')).toEqual({ message: "Unexpected character 'x', expected ',' or '}'", offset: 10, line: 1, column: 11 });
  });

  it("an object closed with a bracket: expected ',' or '}'", () => {
    expect(error('{"a":1]')).toEqual({ message: "Unexpected character ']', expected ',' or '}'", offset: 6, line: 1, column: 7 });
  });

  it("no property name, first or after a comma: expected a property name in double quotes", () => {
    const expected = "expected a property name in double quotes";
    expect(error("{,}")).toEqual({ message: `Unexpected character ',', ${expected}`, offset: 1, line: 1, column: 2 });
    expect(error('{"a":1,}')).toEqual({ message: `Unexpected character '}', ${expected}`, offset: 7, line: 1, column: 8 });
  });

  it("a member without a value: expected a JSON value", () => {
    expect(error('{"a":}')).toEqual({ message: "Unexpected character '}', expected a JSON value", offset: 5, line: 1, column: 6 });
  });
});

describe("parseJson at the end of the text and on unprintable characters", () => {
  it.each([
    ["[", 1],
    ["{", 1],
    ['{"a"', 4],
    ['{"a":1,', 7],
    [" ", 1],
  ])("%j: Unexpected end of JSON input at %i", (text, offset) => {
    expect(error(text)).toEqual({ message: "Unexpected end of JSON input", offset, line: 1, column: offset + 1 });
  });

  it("a control character or a byte-order mark is named by its code point", () => {
    expect(error("\u0001")).toEqual({ message: "Unexpected character U+0001, expected a JSON value", offset: 0, line: 1, column: 1 });
    expect(error("\ufeff1")).toEqual({ message: "Unexpected character U+FEFF, expected a JSON value", offset: 0, line: 1, column: 1 });
  });
});

describe("parseJson given what is not a string", () => {
  it.each([
    [1, "a number"],
    [true, "a boolean"],
    [null, "null"],
    [undefined, "undefined"],
    [[1], "an array"],
    [{}, "an object"],
  ])("%j: names what it was given, at line 1, column 1", (value, kind) => {
    expect(parseJson(value as never)).toEqual({
      ok: false,
      message: `JSON text must be a string, not ${kind}`,
      offset: 0,
      position: { line: 1, column: 1 },
    });
  });
});
