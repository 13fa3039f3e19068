// The floor for the sandbox's GET /api/spots: node:http and node:sqlite
// doing what that route must (the token's account by its hash, the count and
// the page of the same query, the same JSON), reading the sandbox's own
// database. Prints its URL once it listens.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const db = new DatabaseSync(process.argv[2], { readOnly: true });
const account = db.prepare('SELECT id FROM accounts WHERE token_hash = ?');
const count = db.prepare("SELECT COUNT(*) AS total FROM spots WHERE account_id = ? AND state != 'removed'");
const page = db.prepare("SELECT * FROM spots WHERE account_id = ? AND state != 'removed' ORDER BY seq LIMIT ? OFFSET ?");

const spot = (r) => ({
  id: r.id, hostname: r.hostname, ip: r.ip, state: r.state, metro: r.metro, plan: r.plan, price: r.price,
  spot_instance: r.spot_instance === 1, spot_price_max: r.spot_price_max, termination_time: r.termination_time, bid_id: r.bid_id,
  tags: JSON.parse(r.tags), description: r.description, locked: r.locked === 1, created_at: r.created_at, updated_at: r.updated_at,
});

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://reference');
  const token = req.headers.authorization?.slice('Token '.length);
  const owner = token && account.get(createHash('sha256').update(token).digest('hex'))?.id;
  if (!owner) return res.writeHead(401).end('{"errors":["missing or invalid token"]}');
  const perPage = Number(url.searchParams.get('per_page') ?? 100);
  const current = Number(url.searchParams.get('page') ?? 1);
  const { total } = count.get(owner);
  const spots = page.all(owner, perPage, (current - 1) * perPage).map(spot);
  const last = Math.max(1, Math.ceil(total / perPage));
  const href = (n) => ({ href: `/api/spots?page=${n}&per_page=${perPage}` });
  const meta = { total, current_page: current, last_page: last, first: href(1), previous: current > 1 ? href(current - 1) : null,
    next: current < last ? href(current + 1) : null, last: href(last), self: href(current) };
  const text = JSON.stringify({ spots, meta });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
