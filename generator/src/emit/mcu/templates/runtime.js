/* tagokit MCU runtime (ES5). One source for every MCU build: the generator copies it into each output and adds
   the operations at the marker below. It mirrors packages/core: same envelope rules, error names and codes,
   query strings, regions, token checks and retry decisions (checked by the shared vectors). Errors are plain
   objects {name, code, message, status, retryAfterSeconds, mayHaveBeenProcessed}; calls take cb(err, data, answer). */
var Obj = Object;

function isObj(v) {
  return v !== null && typeof v == 'object' && !Array.isArray(v);
}

function str(v) {
  return typeof v == 'string' && v;
}

/* Where s first starts in t, or -1. Espruino 2v29 also answers a position where only the start of s matches the
   end of t ('abcdefgh'.indexOf('hi') is 7). Such a hit runs past the end of t, and the search goes left to right,
   so a real match would have come first: the hit means "not found". One-character searches cannot hit that way. */
function find(t, s) {
  var i = t.indexOf(s);
  return i + s.length > t.length ? -1 : i;
}

/* t with every s replaced, by hand: Espruino's split(s) answers [] when s is longer than t plus one character,
   which blanked every message shorter than the token. */
function cut(t, s) {
  var o = '', i;
  while ((i = find(t, s)) > -1) {
    o += t.slice(0, i) + '[redacted]';
    t = t.slice(i + s.length);
  }
  return o + t;
}

/* Also the JSON-escaped form of a token holding '/' ('\/'), which a JSON text may carry instead. */
function redact(t, s) {
  return s && s.length > 3 ? cut(cut(t, s), s.split('/').join('\\/')) : t;
}

/* Every error is a plain object built here. */
function fault(name, code, message, status, processed) {
  return { name: name, code: code, message: message, status: status, mayHaveBeenProcessed: !!processed };
}

function verr(code, field) {
  var e = fault('TagoValidationError', code, field + ': ' + code);
  e.field = field;
  return e;
}

function validateToken(t) {
  var i, c;
  if (typeof t != 'string') throw verr('token_not_string', 'token');
  if (!t) throw verr('token_empty', 'token');
  for (i = 0; i < t.length; i++) {
    c = t.charCodeAt(i);
    if (c == 13 || c == 10) throw verr('token_line_break', 'token');
    if (c == 32 || c == 9) throw verr('token_whitespace', 'token');
    if (c < 32 || c > 126) throw verr('token_invalid_char', 'token');
  }
  return t;
}

/* Splits an http(s) base URL into [scheme, host, path], refusing what the core refuses (without regexes). */
function baseUrl(u, o, f, withPath) {
  var i, c, s, h, p;
  if (typeof u != 'string' || !u) throw verr('host_unsafe', f);
  for (i = 0; i < u.length; i++) {
    c = u.charCodeAt(i);
    if (c < 33 || c > 126) throw verr('host_unsafe', f);
  }
  i = find(u, '://');
  s = u.slice(0, i).toLowerCase();
  if (i < 0 || (s != 'https' && s != 'http') || u.indexOf('@') > -1 || u.indexOf('?') > -1 || u.indexOf('#') > -1) throw verr('host_unsafe', f);
  h = u.slice(i + 3);
  i = h.indexOf('/');
  p = i < 0 ? '' : h.slice(i);
  h = (i < 0 ? h : h.slice(0, i)).toLowerCase();
  while (p.charAt(p.length - 1) == '/') p = p.slice(0, -1);
  if (!h || (p && !withPath)) throw verr('host_unsafe', f);
  if (s == 'http' && !o.allowInsecureHttp) throw verr('insecure_http_refused', f);
  return [s, h, p];
}

function resolveRegion(r, o) {
  var e, a, i, c;
  o = o || {};
  r = r == null ? 'us-e1' : r;
  if (r === 'env') {
    e = o.env || (typeof process != 'undefined' && process.env) || {};
    if (!e.TAGOIO_API) throw verr('region_env_missing', 'TAGOIO_API');
    return resolveRegion(e.TAGOIO_SSE ? { api: e.TAGOIO_API, sse: e.TAGOIO_SSE } : { api: e.TAGOIO_API }, o);
  }
  if (typeof r == 'string') {
    r = r == 'usa-1' ? 'us-e1' : r;
    if (r != 'us-e1' && r != 'eu-w1') throw verr('region_unknown', 'region');
    return { api: 'https://api.' + r + '.tago.io', sse: 'https://sse.' + (r == 'us-e1' ? '' : r + '.') + 'tago.io/events', insecure: false };
  }
  if (!isObj(r)) throw verr('region_unknown', 'region');
  if ('tdeploy' in r) {
    e = r.tdeploy;
    a = typeof e == 'string' && e.length && e.length < 64 && e.charAt(0) != '-' && e.charAt(e.length - 1) != '-';
    for (i = 0; a && i < e.length; i++) {
      c = e.charCodeAt(i);
      a = (c > 47 && c < 58) || (c > 64 && c < 91) || (c > 96 && c < 123) || c == 45;
    }
    if (!a) throw verr('region_tdeploy_invalid', 'region.tdeploy');
    return { api: 'https://api.' + e + '.tagoio.net', sse: 'https://sse.' + e + '.tagoio.net/events', insecure: false };
  }
  if (!('api' in r)) throw verr('region_unknown', 'region');
  a = baseUrl(r.api, o, 'region.api');
  e = r.sse === undefined ? [a[0], a[1].slice(0, 4) == 'api.' ? 'sse.' + a[1].slice(4) : a[1], '/events'] : baseUrl(r.sse, o, 'region.sse', 1);
  return { api: a[0] + '://' + a[1], sse: e[0] + '://' + e[1] + e[2], insecure: a[0] == 'http' };
}

function addQuery(p, k, v) {
  var i, ks;
  if (v === undefined) return;
  if (v === null) {
    p.push(k + '=');
  } else if (v instanceof Date) {
    if (isNaN(v.getTime())) throw verr('query_invalid_value', k);
    p.push(k + '=' + encodeURIComponent(v.toISOString()));
  } else if (Array.isArray(v)) {
    for (i = 0; i < v.length; i++) addQuery(p, k + '[' + i + ']', v[i]);
  } else if (typeof v == 'object') {
    ks = Obj.keys(v);
    for (i = 0; i < ks.length; i++) addQuery(p, k + '[' + encodeURIComponent(ks[i]) + ']', v[ks[i]]);
  } else if (typeof v == 'number') {
    if (!isFinite(v)) throw verr('query_invalid_value', k);
    p.push(k + '=' + v);
  } else if (typeof v == 'string' || typeof v == 'boolean') {
    p.push(k + '=' + encodeURIComponent(String(v)));
  } else {
    throw verr('query_invalid_value', k);
  }
}

function serializeQuery(q) {
  var p = [], ks = Obj.keys(q || {}), i;
  for (i = 0; i < ks.length; i++) addQuery(p, encodeURIComponent(ks[i]), q[ks[i]]);
  return p.join('&');
}

function isDigits(s) {
  var i;
  for (i = 0; i < s.length; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
  return s.length > 0;
}

/* The value of a string of digits with an optional fraction, rounded up ('1.2' -> 2), or NaN. By hand: Espruino
   reads a leading 0 as octal ('010' would be 8). */
function whole(s) {
  var p = s.split('.'), n = 0, i, up = 0;
  if (p.length > 2 || !isDigits(p[0]) || (p.length > 1 && !isDigits(p[1]))) return NaN;
  for (i = 0; i < p[0].length; i++) n = n * 10 + p[0].charCodeAt(i) - 48;
  for (i = 0; p.length > 1 && i < p[1].length; i++) if (p[1].charAt(i) != '0') up = 1;
  return n + up;
}

/* Milliseconds since 1970 of an IMF-fixdate ('Sun, 06 Nov 1994 08:49:37 GMT'), or NaN. By hand: Espruino has no
   Date.UTC, and its Date.parse answers 0 rather than NaN for what it cannot read. Days from the civil date with
   March-based months, as in Howard Hinnant's days_from_civil. */
function imfDate(v) {
  var d = v.split(' '), t = d.length == 6 && d[5] == 'GMT' ? d[4].split(':') : [],
    m = t.length == 3 ? find('JanFebMarAprMayJunJulAugSepOctNovDec', d[2]) : -1, y, days, i;
  if (t.length != 3 || m < 0 || m % 3 || d[2].length != 3 || d[1].length != 2 || d[3].length != 4) return NaN;
  for (i = 0; i < 3; i++) if (t[i].length != 2) return NaN;
  m = m / 3;
  y = whole(d[3]) - (m < 2 ? 1 : 0);
  days = 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + Math.floor((153 * (m < 2 ? m + 10 : m - 2) + 2) / 5) + whole(d[1]) - 719469;
  return ((days * 24 + whole(t[0])) * 60 + whole(t[1])) * 60000 + whole(t[2]) * 1000;
}

/* Seconds a 429 asks to wait: Retry-After (seconds or an IMF-fixdate), else "Retry-After: N" in the message. A date
   needs a clock: on a board whose clock was never set (before 2017), it is ignored. */
function retryAfterFrom(h, m, now) {
  var v = h['retry-after'], d, i;
  if (v != null) {
    v = String(v).trim();
    d = whole(v);
    if (!isNaN(d)) return d;
    d = imfDate(v);
    if (now == null) now = Date.now() > 1.5e12 ? Date.now() : NaN;
    if (!isNaN(d) && !isNaN(now)) return Math.max(0, Math.ceil((d - now) / 1000));
  }
  i = m ? find(m.toLowerCase(), 'retry-after:') : -1;
  if (i < 0) return undefined;
  m = m.slice(i + 12);
  while (m.charAt(0) == ' ' || m.charAt(0) == '\t') m = m.slice(1);
  for (i = 0; isDigits(m.charAt(i)); i++);
  return i ? whole(m.slice(0, i)) : undefined;
}

/* Turns an answer into {data, warning} or throws the error the core would (see packages/core/src/envelope.ts). */
function parseAnswer(a) {
  var s = a.status, h = a.headers || {}, b = String(a.body || ''), t = a.token, ok = 1, v, m, k, e, bare = b.trim(),
    html = bare.charAt(0) == '<' || find(String(h['content-type'] || ''), 'text/html') > -1,
    d = 'HTTP ' + s + (bare ? (html ? ' with an HTML page instead of JSON (a proxy or gateway answered)' : ' with a body that is not valid JSON (truncated or not JSON)') : ' with an empty body'),
    fail = function (msg, code) {
      var e = fault('TagoResponseParseError', code, msg, s, 1);
      e.excerpt = redact(b.slice(0, 200), t);
      return e;
    };
  /* A device has kilobytes of heap: an answer over the cap (64 KiB unless maxResponseBytes says) is refused. */
  if (b.length > (a.max || 65536)) throw fail('The answer is larger than ' + (a.max || 65536) + ' bytes', 'response_too_large');
  try {
    v = JSON.parse(b);
  } catch (x) {
    ok = 0;
  }
  /* Espruino's JSON.parse may answer undefined for bad text instead of throwing; JSON never means undefined. */
  if (v === undefined) ok = 0;
  if (s > 399 || (s > 199 && s < 300 && ok && a.mode != 'raw' && isObj(v) && v.status === false)) {
    m = ok && (isObj(v) ? str(v.message) || str(v.result) || (isObj(v.result) && str(v.result.message)) : str(v));
    k = ({ 400: 'BadRequest bad_request', 401: 'Authentication authentication', 403: 'PermissionDenied permission_denied', 404: 'NotFound not_found', 409: 'Conflict conflict', 422: 'UnprocessableEntity unprocessable_entity', 429: 'RateLimit rate_limited' }[s] || (s > 499 ? 'InternalServer server_error' : 'TagoApi api_error')).split(' ');
    e = fault(k[0] + 'Error', k[1], redact(m || d, t).slice(0, 500), s, s > 499);
    e.requestId = h['x-request-id'];
    if (s == 429) e.retryAfterSeconds = retryAfterFrom(h, e.message);
    throw e;
  }
  /* Also catches a status that is not a whole number (a junk status line becomes NaN). */
  if (!(s > 199 && s < 300) || s % 1) throw fail('Unexpected HTTP status ' + s, 'unexpected_status');
  if (!ok) {
    if (a.mode == 'raw' && b && !html) return { data: b };
    throw fail(d, bare ? (html ? 'html_body' : 'invalid_json') : 'empty_body');
  }
  if (a.mode == 'raw') return { data: v };
  if (!isObj(v) || typeof v.status != 'boolean') throw fail('HTTP ' + s + ' body is JSON but not a TagoIO envelope', 'not_an_envelope');
  return { data: v.result, warning: str(v.message) ? redact(v.message, t) : undefined };
}

var POLICY = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8000, jitter: 0.25, maxRetryAfterMs: 60000 };

/* Methods whose repetition cannot create a second effect (RFC 9110 9.2.2). A lookup, not a search in a list of
   names: Espruino 2v29's indexOf found ' POST ' in ' GET ... DELETE ' and resent writes. Compared with 1 so that
   inherited names ('constructor') do not count. */
var IDEMPOTENT = { GET: 1, HEAD: 1, OPTIONS: 1, PUT: 1, DELETE: 1 };

/* Whether attempt number `attempt` is followed by another, and after how long (see packages/core/src/retry.ts). */
function decideRetry(a) {
  var p = {}, ks = Obj.keys(POLICY), i, o = a.outcome, n = o.kind, s = o.status, r = a.random == null ? Math.random() : a.random, w,
    id = a.idempotent == null ? IDEMPOTENT[a.method.toUpperCase()] === 1 : a.idempotent,
    no = { retry: false, delayMs: 0 };
  for (i = 0; i < ks.length; i++) p[ks[i]] = a.policy && a.policy[ks[i]] != null ? a.policy[ks[i]] : POLICY[ks[i]];
  if (n == 'abort' || a.attempt > p.maxRetries) return no;
  w = Math.round(Math.min(p.initialDelayMs * Math.pow(2, Math.max(0, a.attempt - 1)), p.maxDelayMs) * (1 - p.jitter * Math.min(Math.max(r, 0), 1)));
  if (n == 'response' && s == 429 && o.retryAfterSeconds != null) {
    return o.retryAfterSeconds * 1000 > p.maxRetryAfterMs ? no : { retry: true, delayMs: o.retryAfterSeconds * 1000 };
  }
  return n == 'refused' || s == 429 || (id && (n == 'network' || n == 'timeout' || s == 408 || s > 499)) ? { retry: true, delayMs: w } : no;
}

/* JSON with every non-ASCII character escaped, so the body length in characters is its length in bytes. */
function asciiJson(v) {
  var j = JSON.stringify(v), o = '', i, c;
  for (i = 0; i < j.length; i++) {
    c = j.charCodeAt(i);
    o += c < 127 ? j.charAt(i) : '\\u' + ('000' + c.toString(16)).slice(-4);
  }
  return o;
}

/* options: token, region, allowInsecureHttp, env, transport(req, cb), timeoutMs, maxRetries, maxResponseBytes, retry, sleep, onWarning */
function Client(o) {
  var a;
  this.o = o;
  this.t = validateToken(o.token);
  this.r = resolveRegion(o.region, o);
  a = this.r.api.split('/')[2].split(':');
  this.h = a[0];
  this.p = +a[1] || (this.r.insecure ? 80 : 443);
}

/* Sends one operation. flags: 1 takes a body, 2 the body is required, 4 the answer is raw (no envelope). */
Client.prototype.request = function (method, path, a, cb, flags) {
  var self = this, o = self.o, q = {}, ks, i, k, v, url, h, b, n = 0, reached = false, go, fin, max,
    parts = path.split('{');
  if (typeof a == 'function') {
    cb = a;
    a = {};
  }
  a = a || {};
  fin = function (e, d, r) {
    /* Exactly one callback per call, even if the application's callback throws. */
    if (n < 0) return;
    n = -1;
    if (e) {
      e.method = method;
      e.path = path;
      if (reached) e.mayHaveBeenProcessed = true;
    }
    cb(e, d, r);
  };
  try {
    url = parts[0];
    for (i = 1; i < parts.length; i++) {
      k = parts[i].split('}');
      v = a[k[0]];
      if (v == null || v === '') throw verr('path_param_missing', k[0]);
      q[k[0]] = 1;
      url += encodeURIComponent(String(v)) + k[1];
    }
    ks = Obj.keys(a);
    v = {};
    for (i = 0; i < ks.length; i++) if (!q[ks[i]] && ks[i] != 'body') v[ks[i]] = a[ks[i]];
    v = serializeQuery(v);
    url += v ? '?' + v : '';
    h = { accept: 'application/json', token: self.t };
    if (self.r.insecure) h._ssl = 'false';
    if (a.body !== undefined) {
      if (!(flags & 1)) throw verr('body_unexpected', 'body');
      h['content-type'] = 'application/json';
      b = asciiJson(a.body);
    } else if (flags & 2) {
      throw verr('body_missing', 'body');
    }
  } catch (x) {
    return fin(x);
  }
  max = o.maxResponseBytes || 65536;
  go = function () {
    var to = o.timeoutMs || 30000;
    n++;
    (o.transport)({ method: method, url: self.r.api + url, secure: !self.r.insecure, host: self.h, port: self.p, path: url, headers: h, body: b, timeout: to, max: max }, function (x, r) {
      var e, d, kind;
      if (x) {
        kind = x.kind;
        e = kind == 'timeout' ? fault('TagoTimeoutError', 'timeout', 'No answer within ' + to + ' ms', undefined, 1)
          : kind == 'too_large' ? fault('TagoResponseParseError', 'response_too_large', 'The answer is larger than ' + max + ' bytes', undefined, 1)
          : fault('TagoConnectionError', kind == 'refused' ? 'connection_refused' : 'connection_lost', String(x.message || kind), undefined, kind != 'refused');
        if (kind == 'too_large') kind = 0;
      } else {
        try {
          d = parseAnswer({ status: r.status, headers: r.headers, body: r.body, mode: flags & 4 ? 'raw' : 'envelope', token: self.t, max: max });
        } catch (y) {
          e = y;
          kind = y.status && y.excerpt === undefined ? 'response' : 0;
        }
        if (!e) {
          if (d.warning !== undefined && o.onWarning) o.onWarning(d.warning, method, path);
          return fin(null, d.data, r);
        }
      }
      d = kind && decideRetry({ method: method, attempt: n, outcome: { kind: kind, status: e.status, retryAfterSeconds: e.retryAfterSeconds }, policy: { maxRetries: o.maxRetries } });
      reached = reached || e.mayHaveBeenProcessed;
      if (!d || !d.retry) return fin(e);
      (o.transport.sleep || o.sleep || setTimeout)(go, d.delayMs);
    });
  };
  go();
};

/*@operations*/

exports.createClient = function (o) {
  return new Client(o || {});
};
/* client.x(args) as a promise: uses only new Promise, then and catch. */
exports.promise = function (c, name, a) {
  return new Promise(function (res, rej) {
    c[name](a, function (e, d) {
      if (e) rej(e);
      else res(d);
    });
  });
};
exports.Client = Client;
exports.parseAnswer = parseAnswer;
exports.serializeQuery = serializeQuery;
exports.resolveRegion = resolveRegion;
exports.validateToken = validateToken;
exports.decideRetry = decideRetry;
exports.retryAfterFrom = retryAfterFrom;
