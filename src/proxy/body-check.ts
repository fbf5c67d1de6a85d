/**
 * The check of one `/sync` answer's body: undo its content coding, parse, check, and take the access
 * token out of what comes back. Plain data in and out, so that it runs on the proxy's worker thread.
 */
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import type { CheckOptions, Issue } from "../issues.js";
import { parseSyncResponse } from "../response.js";
import { redacted } from "./target.js";

export interface BodyJob {
  body: Uint8Array;
  /** The answer's Content-Encoding. */
  coding: string | undefined;
  check: CheckOptions;
  /** Whether to give the payload as one line of JSON, for a record. */
  record: boolean;
  /** Only to take it out of what is reported. */
  token: string | undefined;
}

export interface BodyResult {
  response?: { valid: boolean; issues: Issue[]; truncated: boolean };
  /** Why the body could not be checked. */
  unchecked?: string;
  record?: string;
}

const DECODERS: Record<string, (body: Uint8Array) => Promise<Uint8Array>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** The body as sent before its content coding, or a reason it cannot be read. */
async function decoded(body: Uint8Array, coding: string | undefined): Promise<Uint8Array | string> {
  const codings = (coding ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "" && name !== "identity");
  let result = body;
  for (const name of codings.reverse()) {
    const decode = Object.hasOwn(DECODERS, name) ? DECODERS[name] : undefined;
    if (decode === undefined) return `the content coding ${JSON.stringify(name)} is not one the proxy can read`;
    try {
      result = await decode(result);
    } catch (error) {
      return `the ${name} body cannot be decoded: ${(error as Error).message}`;
    }
  }
  return result;
}

const utf8 = new TextDecoder();

function oneLine(text: string, token: string | undefined): string | undefined {
  try {
    return redacted(JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, ""))), token);
  } catch {
    return undefined;
  }
}

export async function checkBody({ body, coding, check, record, token }: BodyJob): Promise<BodyResult> {
  const bytes = await decoded(body, coding);
  if (typeof bytes === "string") return { unchecked: bytes };
  const text = utf8.decode(bytes);
  const result = parseSyncResponse(text, check);
  const issues = result.issues.map((issue) => ({
    ...issue,
    pointer: redacted(issue.pointer, token),
    message: redacted(issue.message, token),
  }));
  // One line per payload, parsed again only for a record, which must be valid JSON Lines.
  const line = record && result.issues.every((issue) => issue.rule !== "json") ? oneLine(text, token) : undefined;
  return { response: { valid: result.valid, issues, truncated: result.truncated }, ...(line !== undefined && { record: line }) };
}
