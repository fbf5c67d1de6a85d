/** File system errors as the short reasons a report gives, never with a stack trace. */
import { lstatSync } from "node:fs";
import { fsPath } from "./protocol.js";

const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  ELOOP: "too many levels of symbolic links (a symbolic link loop?)",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EIO: "input/output error",
  ENXIO: "cannot be opened by name (a socket?)",
};

export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === "string" &&
    typeof (error as NodeJS.ErrnoException).syscall === "string"
  );
}

export function isSymbolicLink(path: string | Uint8Array): boolean {
  try {
    return lstatSync(fsPath(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Why `path` could not be read. Rethrows what is not a file system error: that is a bug to see. */
export function describeFsError(error: unknown, path: string | Uint8Array): string {
  if (!isFsError(error)) throw error;
  const code = error.code!;
  if (code === "ENOENT" && isSymbolicLink(path)) return "dangling symbolic link (its target does not exist)";
  return REASONS[code] ?? `${code} (${error.syscall})`;
}
