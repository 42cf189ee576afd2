#!/usr/bin/env node
// The `npm start` demo. Until the Node client and the emulator land it shows the spec and the core at work:
// it loads the bundled spec and sends one call through the core to a local stand-in of the API.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TagoCore } from '@tagokit/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const spec = JSON.parse(readFileSync(join(root, 'specs', 'dist', 'tagoio.openapi.json'), 'utf8'));
const ops = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).filter((k) => ['get', 'post', 'put', 'delete'].includes(k)).length, 0);
console.log(`[tagokit] spec ${spec.info.version}: ${ops} operations`);

const stored = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.headers.token !== 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d') {
      res.statusCode = 401;
      return res.end('{"status":false,"message":"Authorization Denied"}');
    }
    if (req.method === 'POST') {
      const records = [].concat(JSON.parse(body));
      stored.push(...records.map((r, i) => ({ id: String(stored.length + i).padStart(24, '0'), time: new Date().toISOString(), ...r })));
      return res.end(JSON.stringify({ status: true, result: `${records.length} Data Added` }));
    }
    res.end(JSON.stringify({ status: true, result: stored }));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const core = new TagoCore({ token: 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', region: { api: `http://127.0.0.1:${port}` }, allowInsecureHttp: true });
const sent = await core.request({ method: 'POST', path: '/data', body: [{ variable: 'temperature', value: 21.5, unit: 'C' }, { variable: 'humidity', value: 40, unit: '%' }] });
console.log(`[tagokit] POST /data -> ${JSON.stringify(sent.data)}`);
const read = await core.request({ method: 'GET', path: '/data', query: { qty: 10 } });
for (const r of read.data) console.log(`[tagokit]   ${r.variable} = ${r.value} ${r.unit}`);
server.close();
