// The least a reverse proxy in Node does, as fast as node:http allows: each request piped to the
// upstream on a kept-alive connection, its answer piped back, with no checks, no reports and no header
// filtering. What the proxy benchmark reads the cost of a second hop from.
// Usage: node bench/proxy-floor.mjs <upstream origin>
import { Agent, createServer, request } from "node:http";

const upstream = new URL(process.argv[2]);
const agent = new Agent({ keepAlive: true });
const server = createServer((req, res) => {
  const forwarded = request(
    { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    },
  );
  req.pipe(forwarded);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
