// Bundled into app.js and run under `Content-Security-Policy: script-src 'self'`.
import { checkSyncResponse, examples, validateSyncResponse } from "matrix-sync-contract";

/** Whether the page's policy forbids evaluating strings: if it does, validators that needed eval would fail here. */
function evalIsBlocked() {
  try {
    new Function("return 1")();
    return false;
  } catch (error) {
    return error instanceof EvalError;
  }
}

const broken = structuredClone(examples.SyncResponse);
broken.rooms.joined["!726s6s6q:example.com"].timeline.limited = "yes";

const result = {
  evalIsBlocked: evalIsBlocked(),
  example: validateSyncResponse(examples.SyncResponse),
  broken: validateSyncResponse(broken),
  issues: checkSyncResponse(broken).issues,
};
document.getElementById("result").textContent = JSON.stringify(result, null, 2);
document.body.dataset.done = "true";
