import { request } from 'node:http';
import { read } from './engines.js';

/**
 * In XS: stand-ins for Moddable's `Request` and `Timer`. `FakeRequest` forwards each exchange to the host through
 * issueCommand (synchronous on the XS side, so a device sends one request at a time); the host answers
 * `{status, headers, body}`, `{error}` (the request fails) or `{hung}` (no callback: the client's own timeout
 * fires). `FakeTimer` keeps callbacks for the host to inspect (`pending()`) or fire (`fire()`, retry waits
 * shortened to nothing).
 */
export const MODDABLE_STAND_INS = `
var FakeTimer = (function () {
  var seq = 0, live = {};
  return {
    set: function (f, ms) { seq++; live[seq] = { f: f, ms: ms }; return seq; },
    clear: function (id) { delete live[id]; },
    pending: function () { return Object.keys(live).length; },
    fire: function () {
      var ks = Object.keys(live), i, t;
      for (i = 0; i < ks.length; i++) { t = live[ks[i]]; delete live[ks[i]]; if (t) t.f(); }
      return ks.length;
    }
  };
})();
// Moddable's Socket and SecureSocket as far as Request uses them: constructed from the request's dictionary.
var FakeSocket = function (d) { this.d = d; };
var FakeSecureSocket = function (d) { this.d = d; this.secure = true; };
// The constructor does what modules/network/http/http.js does: the caller's dictionary spread over the defaults
// (so a key given as undefined replaces the default) and \`new dictionary.Socket(dictionary)\`.
var FakeRequest = function (dictionary) {
  var self = this;
  var d = { port: 80, method: 'GET', path: '/', Socket: FakeSocket, ...dictionary };
  self.o = d;
  self.socket = new (d.Socket)(d);
  Promise.resolve().then(function () { self.run(); });
};
FakeRequest.prototype.close = function () { this.closed = true; };
FakeRequest.prototype.run = function () {
  var o = this.o, i, a, msg = JSON.stringify({ host: o.host, port: o.port, path: o.path, method: o.method, headers: o.headers, body: o.body, bodyType: typeof o.body, response: o.response === String, secure: !!this.socket.secure, tls: o.secure || null });
  a = JSON.parse(new TextDecoder().decode(issueCommand(new TextEncoder().encode(msg).buffer)));
  if (a.hung) return;
  if (a.error) { this.callback(-2); return; }
  this.callback(1, a.status);
  for (i = 0; i < a.headers.length; i++) this.callback(2, a.headers[i][0], a.headers[i][1]);
  this.callback(3);
  this.callback(5, a.body);
};
`;

/** The generated ES module for Moddable, with its two imports bound to the stand-ins and its default export kept. */
export function moddableModule(): string {
  const source = read('dist/moddable/tagokit.js');
  const imports = ['import { Request } from "http";\n', 'import Timer from "timer";\n'];
  for (const line of imports) if (!source.includes(line)) throw new Error(`dist/moddable/tagokit.js lost: ${line}`);
  if (!source.includes('export default tagokit;')) throw new Error('dist/moddable/tagokit.js lost its default export');
  const body = imports.reduce((s, line) => s.replace(line, ''), source).replace('export default tagokit;', 'return tagokit;');
  return `var tagokit = (function (Request, Timer) {\n"use strict";\n${body}\n})(FakeRequest, FakeTimer);\n`;
}

/** What FakeRequest hands the host for one exchange: the `Request` dictionary as the module built it. */
export interface HostCall {
  host: string;
  port: number;
  path: string;
  method: string;
  /** Flat `[name, value, ...]` list, as Moddable's Request takes it. */
  headers: string[];
  body?: string;
  bodyType: string;
  response: boolean;
  /** True when the module chose the SecureSocket (https). */
  secure: boolean;
  tls: unknown;
}

export interface HostForwarder {
  /** Every exchange the module asked for, in order. */
  calls: HostCall[];
  /** How many exchanges got no answer within `timeoutMs` (reported to XS as `{hung}`). */
  hung(): number;
  /** The issueCommand handler: performs the exchange over real HTTP and answers FakeRequest. */
  handle(message: string): Promise<string>;
}

/**
 * The host side of FakeRequest: each exchange becomes a real HTTP request to the server the module named. There is
 * no TLS (and no outside network) in tests, so an https exchange is recorded and fails like a lost link.
 */
export function hostForwarder(options: { timeoutMs?: number } = {}): HostForwarder {
  const calls: HostCall[] = [];
  let hung = 0;
  const answer = (value: unknown) => JSON.stringify(value);
  const handle = (message: string): Promise<string> => {
    const call = JSON.parse(message) as HostCall;
    calls.push(call);
    if (call.secure) return Promise.resolve(answer({ error: 'no TLS in the test host' }));
    const headers: Record<string, string> = {};
    for (let i = 0; i < call.headers.length; i += 2) headers[call.headers[i]!] = String(call.headers[i + 1]);
    if (call.body !== undefined) headers['content-length'] = String(Buffer.byteLength(call.body, 'latin1'));
    return new Promise((resolve) => {
      const req = request({ host: call.host, port: call.port, path: call.path, method: call.method, headers, timeout: options.timeoutMs }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString('utf8')));
        res.on('end', () => {
          const pairs: string[][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve(answer({ status: res.statusCode, headers: pairs, body }));
        });
        res.on('error', (e: NodeJS.ErrnoException) => resolve(answer({ error: e.code ?? e.message })));
      });
      req.on('timeout', () => {
        hung++;
        req.destroy();
        resolve(answer({ hung: true }));
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(answer({ error: e.code ?? e.message })));
      req.end(call.body);
    });
  };
  return { calls, hung: () => hung, handle };
}
