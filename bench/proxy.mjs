// A pass-through proxy in front of the sandbox that notes when each answer
// left it and how many requests were in flight at once, and can play a
// server without long polls by dropping `?wait=`.
import http from 'node:http';

export async function startProxy(target, { longPoll }) {
  const agent = new http.Agent({ keepAlive: true });
  const log = [];
  // Requests in flight now, and the most there ever were at once.
  const load = { inflight: 0, max: 0 };
  const server = http.createServer((req, res) => {
    load.inflight += 1;
    load.max = Math.max(load.max, load.inflight);
    res.on('close', () => (load.inflight -= 1));
    const url = new URL(req.url, target);
    if (!longPoll) url.searchParams.delete('wait');
    const upstream = http.request(url, { method: req.method, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
    res.on('finish', () => log.push({ at: performance.now(), method: req.method, path: url.pathname, status: res.statusCode }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    log,
    load,
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
