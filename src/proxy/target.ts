/**
 * What the proxy may say about a request and a payload without the access token in it: the target
 * with the token's query parameter removed, and any text with the token itself replaced.
 */
import { operation } from "../../generated/contract.js";

export const REDACTED = "[redacted]";

/** The path and query of `url` without the spec's access token parameter. */
export function targetWithoutToken(url: URL): string {
  const shown = new URL(url);
  if (operation.accessTokenParameter !== null) shown.searchParams.delete(operation.accessTokenParameter);
  return shown.pathname + shown.search;
}

/** `text` with every occurrence of the token, as written, JSON-escaped or URL-encoded, replaced. */
export function redacted(text: string, token: string | undefined): string {
  if (token === undefined || token === "") return text;
  const forms = new Set([token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token)]);
  let result = text;
  for (const form of forms) result = result.split(form).join(REDACTED);
  return result;
}
