// Every page of the spots list with node:http, one after another, each body
// to stdout: the floor for `fas spots list --all`.
import http from 'node:http';

const get = (path) =>
  new Promise((resolve, reject) => {
    http
      .get(`${process.env.FAS_API_URL}${path}`, { headers: { authorization: `Token ${process.env.FAS_TOKEN}` } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
      .on('error', reject);
  });

for (let page = 1; ; page++) {
  const body = await get(`/api/spots?page=${page}&per_page=1000`);
  process.stdout.write(body);
  const { meta } = JSON.parse(body);
  if (meta.current_page >= meta.last_page) break;
}
