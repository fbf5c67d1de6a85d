/**
 * A problem in the spec that stops generation. Its message starts with the file (relative to the
 * repository root) and, where known, the line and column, the way compilers report errors, so that
 * editors and CI logs link straight to the place.
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
