/**
 * Where the values at JSON pointers start in JSON text, so the issues found in a parsed value can be
 * shown at the line and column a person opens. One scan serves every pointer of a payload: the
 * pointers are merged into a tree of their tokens, the scan keeps a frame only for each container on
 * some pointer's path, and the scanner of json-scan.ts skips every other value. It never recurses
 * and reads the text once, so neither hostile nesting depth nor a million issues costs stack or more
 * than linear time.
 */
import { skipString, skipValue, skipWhitespace } from "./json-scan.js";
import type { TextPosition } from "./json-text.js";
import { parsePointer } from "./json-pointer.js";

function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes("\\") ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/** A token of some pointer, under the tokens before it: the pointers' paths merged into a tree. */
interface PathNode {
  /** None on the last token of a pointer, the most common node by far. */
  children?: Map<string, PathNode>;
  /** Where the latest value reached at this node starts; -1 until one is. */
  offset: number;
  /** Numbers each time a value is reached here, so that a child can tell which visit of its parent it belongs to. */
  visit: number;
  /** The visit of the parent during which this node's value was reached. */
  parentVisit: number;
}

const pathNode = (): PathNode => ({ offset: -1, visit: 0, parentVisit: 0 });

/** An object or array on some pointer's path that the scan is inside of. */
interface Frame {
  children: Map<string, PathNode>;
  node: PathNode;
  closer: "}" | "]";
  /** For an array: the index of the next item. */
  next: number;
}

/** The tree of the pointers' tokens, and for each pointer the nodes along its path. */
function pathTree(pointers: readonly string[]): { root: PathNode; paths: PathNode[][] } {
  const root = pathNode();
  const paths = pointers.map((pointer) => {
    let node = root;
    return parsePointer(pointer).map((token) => {
      node.children ??= new Map();
      let child = node.children.get(token);
      if (child === undefined) node.children.set(token, (child = pathNode()));
      return (node = child);
    });
  });
  return { root, paths };
}

/**
 * Scans `text` once, recording in each node of the tree where its latest value starts. Of duplicate
 * keys the last one counts, as in `JSON.parse`; that is why each object on a path is read to its end.
 */
function scan(text: string, root: PathNode): void {
  let visits = 0;
  const frames: Frame[] = [];
  // Reaching a value on a path starts a new visit, so what an earlier duplicate held below it no longer counts.
  const reach = (node: PathNode, parent: PathNode | undefined, value: number): number => {
    node.offset = value;
    node.visit = ++visits;
    node.parentVisit = parent?.visit ?? 0;
    const open = text[value];
    if (node.children === undefined || (open !== "{" && open !== "[")) return skipValue(text, value);
    frames.push({ children: node.children, node, closer: open === "{" ? "}" : "]", next: 0 });
    return value + 1;
  };
  let at = reach(root, undefined, skipWhitespace(text, 0));
  while (frames.length > 0) {
    const frame = frames.at(-1)!;
    const before = at;
    at = skipWhitespace(text, at);
    if (text[at] === frame.closer) {
      frames.pop();
      at++;
      continue;
    }
    if (text[at] === ",") at = skipWhitespace(text, at + 1);
    let value = at;
    let child: PathNode | undefined;
    if (frame.closer === "}") {
      const keyEnd = skipString(text, at);
      if (keyEnd === at) break;
      child = frame.children.get(decodeKey(text, at, keyEnd));
      at = skipWhitespace(text, keyEnd);
      if (text[at] !== ":") break;
      value = skipWhitespace(text, at + 1);
    } else {
      // Only canonical indexes match: the token "01" or "-" names no item.
      child = frame.children.get(String(frame.next++));
    }
    at = child === undefined ? skipValue(text, value) : reach(child, frame.node, value);
    // Only text that is not JSON can stall the scan.
    if (at === before) break;
  }
}

/**
 * The offsets in `text` (JSON that parses) where the values at `pointers` start, in the pointers'
 * order, found in one scan. When a pointer names something the text does not hold, such as the
 * property a `required` error is about, its answer is the offset of the deepest value on its path that
 * does exist.
 */
export function locatePointers(text: string, pointers: readonly string[]): number[] {
  const { root, paths } = pathTree(pointers);
  scan(text, root);
  return paths.map((path) => {
    let parent = root;
    for (const node of path) {
      if (node.offset === -1 || node.parentVisit !== parent.visit) break;
      parent = node;
    }
    return parent.offset;
  });
}

/** The offset in `text` where the value at `pointer` (or its deepest existing ancestor) starts. */
export function locatePointer(text: string, pointer: string): number {
  return locatePointers(text, [pointer])[0]!;
}

export interface PointerPosition extends TextPosition {
  /** The character offset of the value in the text. */
  offset: number;
}

/**
 * Where the values at `pointers` (or their deepest existing ancestors) start, as offsets and as lines
 * and columns, in the pointers' order: one scan for the values, one pass over the lines for them all.
 */
export function pointerPositions(text: string, pointers: readonly string[]): PointerPosition[] {
  const offsets = locatePointers(text, pointers);
  const positions: PointerPosition[] = new Array(offsets.length);
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  let line = 1;
  let lineStart = 0;
  let newline = text.indexOf("\n");
  for (const i of order) {
    const offset = offsets[i]!;
    for (; newline !== -1 && newline < offset; newline = text.indexOf("\n", newline + 1)) {
      line++;
      lineStart = newline + 1;
    }
    positions[i] = { offset, line, column: offset - lineStart + 1 };
  }
  return positions;
}

/** The line and column where the value at `pointer` (or its deepest existing ancestor) starts. */
export function pointerPosition(text: string, pointer: string): TextPosition {
  const { line, column } = pointerPositions(text, [pointer])[0]!;
  return { line, column };
}
