/**
 * A problem in the spec that stops generation, and the one line a command prints for any failure.
 * A SpecError's message starts with the file (relative to the repository root) and, where known, the
 * line and column, the way compilers report errors, so that editors and CI logs link straight to the place.
 */
export class SpecError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly position?: { line: number; column: number },
  ) {
    super(`${position ? `${file}:${position.line}:${position.column}` : file}: ${problem}`);
    this.name = "SpecError";
  }
}

/** A problem in the spec as it is; anything else says that generation failed, since it is not the spec's fault. */
export function describeFailure(error: unknown): string {
  if (error instanceof SpecError) return `error: ${error.message}`;
  return `error: generation failed: ${error instanceof Error ? error.message : String(error)}`;
}
