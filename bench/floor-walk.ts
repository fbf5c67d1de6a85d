/**
 * For scale beside the validators: a hand-written traversal that visits every value of a parsed
 * payload once and looks at its type, the least any validator of the whole payload must do. It
 * checks nothing, so a validator cannot be expected to beat it.
 */
export function visitEveryValue(payload: unknown): number {
  let visited = 0;
  const pending: unknown[] = [payload];
  while (pending.length > 0) {
    const value = pending.pop();
    visited++;
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) pending.push(value[i]);
    else for (const key in value) pending.push((value as Record<string, unknown>)[key]);
  }
  return visited;
}
