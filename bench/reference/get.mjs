// The floor for any Node client: one GET with node:http, body to stdout.
import http from 'node:http';

const url = `${process.env.FAS_API_URL}${process.argv[2] ?? '/api/spots'}`;
http.get(url, { headers: { authorization: `Token ${process.env.FAS_TOKEN}` } }, (res) => {
  res.pipe(process.stdout);
});
