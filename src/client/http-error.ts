/** A `/sync` answered with another status than 200: the status and, when the body says, the Matrix error. */
import { displayText } from "../../lib/display-text.js";
import { isJsonObject } from "../../lib/json-value.js";

export class SyncHttpError extends Error {
  override name = "SyncHttpError";
  /** The Matrix error code of the body (`M_MISSING_TOKEN`, …), when it has one. */
  readonly errcode: string | undefined;
  /** The body's `error`, when it has one. */
  readonly error: string | undefined;

  constructor(
    readonly status: number,
    body: string,
  ) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const errcode = isJsonObject(parsed) && typeof parsed.errcode === "string" ? parsed.errcode : undefined;
    const error = isJsonObject(parsed) && typeof parsed.error === "string" ? parsed.error : undefined;
    const said = errcode === undefined ? "" : ` ${displayText(errcode)}${error === undefined ? "" : `: ${displayText(error)}`}`;
    super(`/sync answered ${status}${said}`);
    this.errcode = errcode;
    this.error = error;
  }
}
