/* A fake Espruino `http` module that behaves like Espruino's (libs/network:
   socketserver.c, socketerrors.c): string statusCode, server-cased header names, 'data' chunks then 'end' and
   'close' on the answer, errors as {code, message} on the request only, end() throwing when no socket can be made,
   request() returning nothing on bad options, an answer cut short ending without an error, no automatic
   Content-Length. Timers are simulated (mujs and duktape have none). Shared by the full build's scenarios
   (espruino-harness.js) and the tiny build's (tiny-harness.js), which run after it. */
var now = 0, timers = [], seq = 0, log = [], out = {}, silent = [];
var setTimeout = function (f, ms) {
  seq++;
  timers.push({ id: seq, at: now + (ms || 0), f: f });
  return seq;
};
/* As on firmware before 2v03: clearing an unknown (or already fired) timer throws, and clearTimeout() with no id
   clears every timer. */
var clearTimeout = function (id) {
  var i;
  if (id === undefined) {
    timers = [];
    return;
  }
  for (i = 0; i < timers.length; i++) {
    if (timers[i].id === id) {
      timers.splice(i, 1);
      return;
    }
  }
  throw new Error('Unknown Timeout');
};
var runTimers = function () {
  var i, best, t;
  while (timers.length) {
    best = 0;
    for (i = 1; i < timers.length; i++) if (timers[i].at < timers[best].at) best = i;
    t = timers.splice(best, 1)[0];
    now = t.at;
    t.f();
  }
};
var emitter = function () {
  var handlers = {};
  return {
    on: function (n, f) {
      handlers[n] = f;
    },
    emit: function (n, v) {
      if (handlers[n]) handlers[n](v);
    }
  };
};
var ROUTES = {
  'POST /data': { status: '202', headers: { 'Content-Type': 'application/json' }, body: '{"status":true,"result":"1 Data Added"}' },
  'GET /data': { status: '200', headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r1' }, body: '{"status":true,"result":[{"variable":"temperature","value":21.5}]}' },
  'GET /device/params': { status: '200', headers: {}, body: '{"status":true,"result":[{"id":"p1","key":"interval","value":"60","sent":false}]}' },
  'PUT /device/params/p1': { status: '200', headers: {}, body: '{"status":true,"result":"Params updated"}' },
  'GET /info': { status: '200', headers: {}, body: '{"status":true,"result":{"id":"d1","name":"board","type":"device"}}' }
};
/* Answers chosen by the token sent: the short messages Espruino's split() blanked, retries that 2v29's indexOf
   turned on for POST, and answers the envelope rules cover (redirect, byte order mark, deep nesting). */
var nested = function (n) {
  var open = '', close = '', i;
  for (i = 0; i < n; i++) {
    open += '[';
    close += ']';
  }
  return open + close;
};
/* Tokens as long as real ones (36 characters), which is what made split(token) blank the shorter messages. */
var T = function (name) {
  return (name + '-0000-4000-8000-000000000000').slice(0, 36);
};
var TOKENS = {};
TOKENS[T('gateway-5xx')] = { status: '502', headers: {}, body: '{"status":false,"message":"Bad Gateway"}' };
TOKENS[T('denied-4xx')] = { status: '401', headers: {}, body: '{"status":false,"message":"Authorization Denied"}' };
TOKENS[T('message-429')] = { status: '429', headers: {}, body: '{"status":false,"message":"Too many requests (Retry-After: 3)"}' };
TOKENS[T('warning-200')] = { status: '200', headers: {}, body: '{"status":true,"result":"ok","message":"Deprecated"}' };
TOKENS[T('moved-302')] = { status: '302', headers: { Location: 'HTTPS://Evil.Example:8443/steal?x=1' }, body: '' };
TOKENS[T('bom-bytes')] = { status: '200', headers: {}, body: '\xef\xbb\xbf{"status":true,"result":"bom"}' };
TOKENS[T('deep-400')] = { status: '400', headers: {}, body: '{"status":false,"message":"Deep","result":' + nested(5000) + '}' };
TOKENS[T('big-200')] = { status: '200', headers: {}, body: '{"status":true,"result":"' + new Array(5001).join('x') + '"}' };
TOKENS[T('cut-200')] = { status: '200', headers: {}, body: '{"status":true,"result":' };
TOKENS[T('deep-200')] = { status: '200', headers: {}, body: '{"status":true,"result":' + nested(5000) + '}' };
var http = {
  request: function (opts, onResponse) {
    var req = emitter();
    if (opts.host == 'nothing.example') return undefined;
    req.end = function (body) {
      var key = opts.method + ' ' + opts.path.split('?')[0], route = ROUTES[key], res;
      /* socketserver.c (clientRequestConnect): no port means 443 with TLS, 80 without. */
      log.push({ host: opts.host, port: opts.port || (opts.protocol == 'https:' ? 443 : 80), protocol: opts.protocol, method: opts.method, path: opts.path, headers: opts.headers, body: body });
      if (opts.host == 'refused.example') throw new Error('Unable to create socket');
      if (opts.host == 'reset.example') {
        setTimeout(function () {
          req.emit('error', { code: -9, message: 'connection reset' });
        }, 5);
        return;
      }
      /* A server that accepts and never answers: the socket stays open until the client sets clsNow, as the idle
         loop of socketserver.c reads it. */
      if (opts.host == 'silent.example') {
        silent.push(req);
        return;
      }
      if (opts.host == 'dns.example' || opts.host == 'noresp.example' || opts.host == 'tls.example') {
        setTimeout(function () {
          req.emit('error', opts.host == 'dns.example' ? { code: -6, message: 'not found' } : opts.host == 'tls.example' ? { code: -13, message: 'SSL handshake failed' } : { code: -15, message: 'no response' });
        }, 5);
        return;
      }
      if (opts.host == 'cut.example') {
        setTimeout(function () {
          res = emitter();
          res.statusCode = '200';
          res.headers = { 'Content-Length': '52' };
          onResponse(res);
          res.emit('data', '{"status":true,"result":');
          res.emit('end');
          res.emit('close', false);
        }, 10);
        return;
      }
      if (opts.headers.token == T('silent')) {
        silent.push(req);
        return;
      }
      if (opts.headers.token == 'bad') route = { status: '401', headers: {}, body: '{"status":false,"message":"Invalid token"}' };
      if (opts.headers.token == 'busy') route = { status: '429', headers: { 'Retry-After': '7' }, body: '{"status":false,"message":"Too many requests"}' };
      if (TOKENS[opts.headers.token]) route = TOKENS[opts.headers.token];
      if (!route) route = { status: '404', headers: {}, body: '' };
      setTimeout(function () {
        res = emitter();
        res.statusCode = route.status;
        res.headers = route.headers;
        onResponse(res);
        res.emit('data', route.body.slice(0, 10));
        res.emit('data', route.body.slice(10));
        res.emit('end');
        res.emit('close', false);
      }, 10);
    };
    return req;
  }
};
