/**
 * Data shared by every importer of a module (generated/examples.ts) frozen all the way down, so that
 * one importer, a test say, cannot change it under another.
 */

/** Freezes `value` and every object reachable from it through its own properties; returns `value`. */
export function deepFreeze<T>(value: T): T {
  const seen = new WeakSet<object>();
  const freeze = (node: unknown): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    Object.freeze(node);
    for (const key of Reflect.ownKeys(node)) freeze((node as Record<PropertyKey, unknown>)[key]);
  };
  freeze(value);
  return value;
}
