// The least a validating command can do with an NDJSON capture, for scale in the command benchmark's
// memory figures: read it in chunks, then parse and validate each line in turn, holding nothing else.
import { closeSync, openSync, readSync } from "node:fs";
import { validateSyncResponse } from "./.cache/package/index.js";

const NEWLINE = 0x0a;
const fd = openSync(process.argv[2], "r");
const chunk = Buffer.allocUnsafe(1 << 20);
let rest = Buffer.alloc(0);
let invalid = 0;
const check = (bytes) => {
  if (bytes.length > 0 && !validateSyncResponse(JSON.parse(bytes.toString("utf8")))) invalid++;
};
for (let read; (read = readSync(fd, chunk)) > 0;) {
  const bytes = rest.length === 0 ? chunk.subarray(0, read) : Buffer.concat([rest, chunk.subarray(0, read)]);
  let start = 0;
  for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
    check(bytes.subarray(start, end));
    start = end + 1;
  }
  rest = Buffer.from(bytes.subarray(start));
}
check(rest);
closeSync(fd);
process.exitCode = invalid === 0 ? 0 : 1;
