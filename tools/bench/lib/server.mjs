// The local TagoIO stand-in every throughput client talks to: node:http on 127.0.0.1, keep-alive, answering the
// envelopes of POST /data and GET /data. Run as a child process (its own core), it tells the parent its port over IPC.
import { createServer } from 'node:http';

const RECORDS = Array.from({ length: 10 }, (_, i) => ({
  id: `6512c0ffee${String(i).padStart(14, '0')}`,
  variable: 'temperature',
  value: 20 + i / 10,
  unit: 'C',
  device: '6512c0ffee0000000000dev1',
  origin: '6512c0ffee0000000000dev1',
  group: '6512c0ffee0000000000grp1',
  time: '2025-01-01T00:00:00.000Z',
  created_at: '2025-01-01T00:00:00.000Z',
}));
const GET_BODY = JSON.stringify({ status: true, result: RECORDS });
const POST_BODY = JSON.stringify({ status: true, result: '1 Data Added' });
const NOT_FOUND = JSON.stringify({ status: false, message: 'Not found' });

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const path = req.url.split('?')[0];
    let status = 200;
    let body;
    if (path === '/data' && req.method === 'POST') {
      JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
      body = POST_BODY;
    } else if (path === '/data' && req.method === 'GET') body = GET_BODY;
    else {
      status = 404;
      body = NOT_FOUND;
    }
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
