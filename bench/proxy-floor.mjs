// The least a reverse proxy in Node does: pipe each request to the upstream and its answer back, with
// no checks and no reports. What the proxy benchmark reads the cost of a second hop from.
// Usage: node bench/proxy-floor.mjs <upstream origin>
import { createServer, request } from "node:http";

const upstream = new URL(process.argv[2]);
const server = createServer((req, res) => {
  const forwarded = request(
    { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    },
  );
  req.pipe(forwarded);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
