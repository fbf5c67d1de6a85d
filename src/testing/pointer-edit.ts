/**
 * Edits of a JSON value at RFC 6901 pointers, on a copy: generated values may be shared between the
 * values fast-check tries while shrinking, so they are never changed in place.
 */
import { parsePointer } from "../../lib/json-pointer.js";

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null;

/** Calls `edit` with the parent and the last token of each pointer that exists in `root`. */
function forEachTarget(root: unknown, pointers: readonly string[], edit: (parent: Container, token: string, index: number) => void): void {
  pointers.forEach((pointer, index) => {
    const tokens = parsePointer(pointer);
    const last = tokens.pop();
    let parent: unknown = root;
    for (const token of tokens)
      parent = isContainer(parent) && Object.hasOwn(parent, token) ? (parent as Record<string, unknown>)[token] : undefined;
    if (last !== undefined && isContainer(parent) && Object.hasOwn(parent, last)) edit(parent, last, index);
  });
}

/** A copy of `root` without the values at `pointers`: object keys deleted, array items taken out. */
export function removedAt<T>(root: T, pointers: readonly string[]): T {
  const copy = structuredClone(root);
  const removed = Symbol("removed");
  const touched = new Set<unknown[]>();
  forEachTarget(copy, pointers, (parent, token) => {
    if (!Array.isArray(parent)) return void delete parent[token];
    // Marked first and taken out after, so the indexes of the other pointers stay right.
    parent[Number(token)] = removed;
    touched.add(parent);
  });
  for (const array of touched) {
    const kept = array.filter((item) => item !== removed);
    array.splice(0, array.length, ...kept);
  }
  return copy;
}

/** A copy of `root` with the value at each pointer replaced by the value at the same index. */
export function replacedAt<T>(root: T, pointers: readonly string[], values: readonly unknown[]): T {
  const copy = structuredClone(root);
  forEachTarget(copy, pointers, (parent, token, index) => {
    (parent as Record<string, unknown>)[token] = values[index];
  });
  return copy;
}
