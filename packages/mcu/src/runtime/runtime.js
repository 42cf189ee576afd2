/* tagokit MCU runtime (ES5), the full one. scripts/build.mjs puts src/runtime/shared.js before it, the generated
   operation table (src/generated) at the marker below and the facts the core shares with it
   (packages/core/src/facts.ts) at each @fact marker. It mirrors packages/core: same envelope rules, error names and
   codes, query strings, regions, token checks and retry decisions (checked by the shared vectors). Errors are plain
   objects {name, code, message, status, retryAfterSeconds, mayHaveBeenProcessed}; calls take cb(err, data, answer).
   Espruino's built-ins differ from ES5 in ways that shape this code (see the package README's quirk table): no
   substring search may trust indexOf alone (find), no split on a separator longer than one character, no Date.UTC,
   no Date.parse, no new Date(text). */
var Obj = Object,
  /* Status -> 'ClassName code' (the name without its 'Error' suffix); every status >= 500; any other failure. */
  STATUS_ERRORS = /*@fact STATUS_ERRORS*/{}, SERVER_ERROR = /*@fact SERVER_ERROR*/'', API_ERROR = /*@fact API_ERROR*/'',
  /* Region id -> 'api-url sse-url'. */
  NAMED_REGIONS = /*@fact NAMED_REGIONS*/{}, HEX = '0123456789ABCDEF',
  /* Codes thrown from several places, written once (the minified build names each with one letter). */
  QUERY_INVALID = 'query_invalid_value', HOST_UNSAFE = 'host_unsafe', PATH_INVALID = 'path_param_invalid',
  REGION_UNKNOWN = 'region_unknown';

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

/* v percent-encoded as UTF-8 (what encodeURIComponent does on a Unicode engine), with a lone surrogate refused as a
   validation error (code, field f): duktape and XS throw a URIError, mujs writes it out as if it were a character.
   Only ASCII goes through encodeURIComponent: Espruino's encodes each byte as a C char, which x86 builds sign-extend
   ('\xe9' became '%59'), and without Unicode support it would send E9 as '%E9' where the body's JSON says \u00e9.
   Each character is a code point here, as asciiJson reads it. On Espruino charCodeAt past the end answers NaN or 0,
   which also reads as "no low surrogate follows". */
function enc(v, code, f) {
  var o = '', i, j, c, d, b;
  for (i = 0; i < v.length; i++) {
    c = v.charCodeAt(i);
    /* D800-DBFF (high) must be followed by DC00-DFFF (low); a low one without a high one is refused too. */
    if (c > 55295 && c < 57344) {
      d = v.charCodeAt(++i);
      if (c > 56319 || !(d > 56319 && d < 57344)) throw verr(code, f);
      c = 65536 + (c - 55296) * 1024 + d - 56320;
    }
    if (c < 128) {
      o += encodeURIComponent(v.charAt(i));
    } else {
      b = c < 2048 ? [192 | c >> 6] : c < 65536 ? [224 | c >> 12, 128 | (c >> 6 & 63)]
        : [240 | c >> 18, 128 | (c >> 12 & 63), 128 | (c >> 6 & 63)];
      b.push(128 | (c & 63));
      for (j = 0; j < b.length; j++) o += '%' + HEX.charAt(b[j] >> 4) + HEX.charAt(b[j] & 15);
    }
  }
  return o;
}

/* '.' or '..', also with any dot written %2e: servers and proxies resolve such a segment, so the call would reach
   another route (/profile/{id}/token/.. is the route that deletes the profile). By hand, not split('%2e'), which
   answers [] on Espruino for a text of one character. */
function isDots(s) {
  var n = 0, i;
  s = s.toLowerCase();
  for (i = 0; i < s.length; i++, n++) {
    if (s.slice(i, i + 3) == '%2e') i += 2;
    else if (s[i] != '.') return false;
  }
  return n > 0 && n < 3;
}

/* The path of a template ('/device/{id}') with its parameters filled and escaped, or a validation error naming the
   parameter: missing or empty (path_param_missing); not a string or a finite number, a dot segment or a lone
   surrogate (path_param_invalid). A parameter listed in `reserved` (a file path) keeps its '/', and each of its
   segments is checked like a whole value, empty ones refused. `ctx` (the core's error context) is not used: the
   request adds method and path to every error. `used` collects the names filled, which the query leaves out. */
function buildPath(template, params, ctx, reserved, used) {
  var parts = template.split('{'), out = parts[0], i, j, k, v, s;
  params = params || {};
  for (i = 1; i < parts.length; i++) {
    k = parts[i].split('}');
    v = params[k[0]];
    if (v == null || v === '') throw verr('path_param_missing', k[0]);
    if (typeof v != 'string' && !(typeof v == 'number' && isFinite(v))) throw verr(PATH_INVALID, k[0]);
    v = String(v);
    if (reserved && reserved.indexOf(k[0]) > -1) {
      while (v[0] == '/') v = v.slice(1);
      s = v.split('/');
    } else {
      s = [v];
    }
    for (j = 0; j < s.length; j++) {
      if (!s[j] || isDots(s[j])) throw verr(PATH_INVALID, k[0]);
      s[j] = enc(s[j], PATH_INVALID, k[0]);
    }
    if (used) used[k[0]] = 1;
    out += s.join('/') + k[1];
  }
  return out;
}

/* Splits an http(s) base URL into [scheme, host, path], refusing what the core refuses (without regexes). */
function baseUrl(u, o, f, withPath) {
  var i, c, s, h, p;
  if (typeof u != 'string' || !u) throw verr(HOST_UNSAFE, f);
  for (i = 0; i < u.length; i++) {
    c = u.charCodeAt(i);
    if (c < 33 || c > 126) throw verr(HOST_UNSAFE, f);
  }
  i = find(u, '://');
  s = u.slice(0, i).toLowerCase();
  if (i < 0 || (s != 'https' && s != 'http') || u.indexOf('@') > -1 || u.indexOf('?') > -1 || u.indexOf('#') > -1) {
    throw verr(HOST_UNSAFE, f);
  }
  h = u.slice(i + 3);
  i = h.indexOf('/');
  p = i < 0 ? '' : h.slice(i);
  h = (i < 0 ? h : h.slice(0, i)).toLowerCase();
  while (p[p.length - 1] == '/') p = p.slice(0, -1);
  if (!h || (p && !withPath)) throw verr(HOST_UNSAFE, f);
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
    /* Own keys only: 'constructor' is no region. */
    if (!NAMED_REGIONS.hasOwnProperty(r)) throw verr(REGION_UNKNOWN, 'region');
    r = NAMED_REGIONS[r].split(' ');
    return { api: r[0], sse: r[1], insecure: false };
  }
  if (!isObj(r)) throw verr(REGION_UNKNOWN, 'region');
  if ('tdeploy' in r) {
    e = r.tdeploy;
    a = typeof e == 'string' && e.length && e.length < 64 && e[0] != '-' && e[e.length - 1] != '-';
    for (i = 0; a && i < e.length; i++) {
      c = e.charCodeAt(i);
      a = (c > 47 && c < 58) || (c > 64 && c < 91) || (c > 96 && c < 123) || c == 45;
    }
    if (!a) throw verr('region_tdeploy_invalid', 'region.tdeploy');
    return { api: 'https://api.' + e + '.tagoio.net', sse: 'https://sse.' + e + '.tagoio.net/events', insecure: false };
  }
  if (!('api' in r)) throw verr(REGION_UNKNOWN, 'region');
  a = baseUrl(r.api, o, 'region.api');
  e = r.sse === undefined ? [a[0], a[1].slice(0, 4) == 'api.' ? 'sse.' + a[1].slice(4) : a[1], '/events']
    : baseUrl(r.sse, o, 'region.sse', 1);
  return { api: a[0] + '://' + a[1], sse: e[0] + '://' + e[1] + e[2], insecure: a[0] == 'http' };
}

function addQuery(p, k, v) {
  var i, ks;
  if (v === undefined) return;
  if (v === null) {
    p.push(k + '=');
  } else if (v instanceof Date) {
    /* Only a Date that is NaN can be told from a good one: on Espruino new Date('junk') is the epoch instead. */
    if (isNaN(v.getTime())) throw verr(QUERY_INVALID, k);
    p.push(k + '=' + encodeURIComponent(v.toISOString()));
  } else if (Array.isArray(v)) {
    for (i = 0; i < v.length; i++) addQuery(p, k + '[' + i + ']', v[i]);
  } else if (typeof v == 'object') {
    ks = Obj.keys(v);
    for (i = 0; i < ks.length; i++) addQuery(p, k + '[' + enc(ks[i], QUERY_INVALID, k) + ']', v[ks[i]]);
  } else if (typeof v == 'number') {
    if (!isFinite(v)) throw verr(QUERY_INVALID, k);
    p.push(k + '=' + v);
  } else if (typeof v == 'string' || typeof v == 'boolean') {
    p.push(k + '=' + enc(String(v), QUERY_INVALID, k));
  } else {
    throw verr(QUERY_INVALID, k);
  }
}

function serializeQuery(q) {
  var p = [], ks = Obj.keys(q || {}), i;
  for (i = 0; i < ks.length; i++) addQuery(p, enc(ks[i], QUERY_INVALID, ks[i]), q[ks[i]]);
  return p.join('&');
}

/* Milliseconds since 1970 of an IMF-fixdate ('Sun, 06 Nov 1994 08:49:37 GMT'), or NaN. By hand: Espruino has no
   Date.UTC, and its Date.parse answers 0 rather than NaN for what it cannot read. Days from the civil date with
   March-based months, as in Howard Hinnant's days_from_civil. A day name or month that is not one of the list, or
   sits at no multiple of its length there, is refused (find answers -1, which is no multiple either). */
function imfDate(v) {
  var d = v.split(' '), t = d.length == 6 && d[5] == 'GMT' ? d[4].split(':') : [], m, y, days, i;
  if (t.length != 3 || d[0].length != 4 || find('Mon,Tue,Wed,Thu,Fri,Sat,Sun,', d[0]) % 4 || d[1].length != 2 ||
    d[2].length != 3 || (m = find('JanFebMarAprMayJunJulAugSepOctNovDec', d[2])) % 3 || d[3].length != 4) return NaN;
  for (i = 0; i < 3; i++) if (t[i].length != 2) return NaN;
  d[1] = whole(d[1]);
  for (i = 0; i < 3; i++) t[i] = whole(t[i]);
  if (!(d[1] > 0 && d[1] < 32 && t[0] < 24 && t[1] < 60 && t[2] < 60)) return NaN;
  m = m / 3;
  y = whole(d[3]) - (m < 2 ? 1 : 0);
  days = 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) +
    Math.floor((153 * (m < 2 ? m + 10 : m - 2) + 2) / 5) + d[1] - 719469;
  return ((days * 24 + t[0]) * 60 + t[1]) * 60000 + t[2] * 1000;
}

/* Seconds a 429 asks to wait: Retry-After as RFC 9110 has it (delta-seconds, digits only, or an IMF-fixdate), else
   "Retry-After: N" in the message (TagoIO's form). Anything else (a fraction, a sign, an ISO date, '1 2') gives
   undefined, and the caller backs off as for any 429. A date needs a clock: on a board whose clock was never set
   (before 2017), it is ignored. */
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
  while (m[0] == ' ' || m[0] == '\t') m = m.slice(1);
  for (i = 0; isDigits(m.charAt(i)); i++);
  return i ? whole(m.slice(0, i)) : undefined;
}

/* The origin (scheme://host[:port], lower-cased, without credentials) an absolute Location names, else undefined:
   what a redirect error may say about where the answer pointed. */
function originOf(l) {
  var i, c, x, a;
  if (l == null) return undefined;
  l = String(l).trim().toLowerCase();
  i = find(l, '://');
  if (i < 1) return undefined;
  /* A scheme is a letter, then letters, digits, '+', '-' or '.'. */
  for (c = 0; c < i; c++) {
    x = l.charCodeAt(c);
    if (!((x > 96 && x < 123) || (c && ((x > 47 && x < 58) || x == 43 || x == 45 || x == 46)))) return undefined;
  }
  a = l.slice(i + 3);
  for (c = 0; c < a.length && a[c] != '/' && a[c] != '?' && a[c] != '#'; c++);
  a = a.slice(0, c);
  while ((c = a.indexOf('@')) > -1) a = a.slice(c + 1);
  return l.slice(0, i) + '://' + a;
}

/* Whether a JSON text nests arrays and objects more than 32 deep (TagoIO's answers nest about 5). Such a text is
   not handed to JSON.parse: Espruino's recurses in C without a depth check, and XS aborts the whole machine on a C
   stack overflow (xsnap at about 3,500 levels, a device far sooner) instead of throwing. A text with at most 32
   opening brackets cannot nest deeper, so most answers cost only a few indexOf calls; others are scanned outside
   strings, each string skipped with indexOf up to its closing quote (one with an even run of backslashes before). */
function tooDeep(b) {
  var n = 0, i = -1, d = 0, j, c;
  while (n < 33 && (i = b.indexOf('[', i + 1)) > -1) n++;
  for (i = -1; n < 33 && (i = b.indexOf('{', i + 1)) > -1;) n++;
  for (i = 0; n > 32 && i < b.length; i++) {
    c = b.charAt(i);
    if (c == '"') {
      do {
        i = b.indexOf('"', i + 1);
        for (j = i; j > 0 && b[j - 1] == '\\'; j--);
      } while ((i - j) % 2);
      /* An unterminated string: JSON.parse stops there, with every bracket before it counted. */
      if (i < 0) return false;
    } else if (c == '[' || c == '{') {
      if (++d > 32) return true;
    } else if (c == ']' || c == '}') {
      d--;
    }
  }
  return false;
}

/* Turns an answer into {data, warning} or throws the error the core would (see packages/core/src/envelope.ts). */
function parseAnswer(a) {
  var s = a.status, h = a.headers || {}, b = String(a.body || ''), t = a.token, ok = 1, v, m, k, e, bare, html, deep,
    d, max = a.max || 65536,
    /* The first n characters of x with the token redacted before the cut, so no part of it can stay behind. */
    clip = function (x, n) {
      return redact(x.slice(0, n + 2 * (t ? t.length : 0)), t).slice(0, n);
    },
    fail = function (msg, code) {
      var e = fault('TagoResponseParseError', code, msg, s, 1);
      e.excerpt = clip(b, 200);
      return e;
    };
  /* Redirects are never followed: the token travels in a header, and another origin must not get it. The server
     answered, so it may have acted. The origin is redacted too: a server may echo the token as a host name. */
  if (s >= 300 && s < 400) {
    m = originOf(h.location);
    m = m && redact(m, t);
    e = fault('TagoRedirectError', 'unexpected_redirect', 'HTTP ' + s + ' redirect' + (m ? ' to ' + m : '') +
      ' was not followed (tagokit sends the token only to the configured API)', s, 1);
    e.location = m;
    throw e;
  }
  /* A device has kilobytes of heap: an answer over the cap (64 KiB unless maxResponseBytes says) is refused. */
  if (b.length > max) throw fail('The answer is larger than ' + max + ' bytes', 'response_too_large');
  /* A byte order mark before the body is ignored: one character where the transport decodes UTF-8 (Moddable,
     fetch), three where strings hold bytes (Espruino). */
  if (b.charCodeAt(0) == 65279) b = b.slice(1);
  else if (b.slice(0, 3) == '\xef\xbb\xbf') b = b.slice(3);
  bare = b.trim();
  html = bare[0] == '<' || find(String(h['content-type'] || ''), 'text/html') > -1;
  deep = bare && !html && tooDeep(b);
  d = 'HTTP ' + s + (!bare ? ' with an empty body'
    : html ? ' with an HTML page instead of JSON (a proxy or gateway answered)'
      : deep ? ' with a body nested more than 32 levels deep (not read)'
        : ' with a body that is not valid JSON (truncated or not JSON)');
  try {
    v = deep ? undefined : JSON.parse(b);
  } catch (x) {
    ok = 0;
  }
  /* Espruino's JSON.parse may answer undefined for bad text instead of throwing; JSON never means undefined. */
  if (v === undefined) ok = 0;
  if (s > 399 || (s > 199 && s < 300 && ok && a.mode != 'raw' && isObj(v) && v.status === false)) {
    m = ok && (isObj(v) ? str(v.message) || str(v.result) || (isObj(v.result) && str(v.result.message)) : str(v));
    k = (STATUS_ERRORS[s] || (s > 499 ? SERVER_ERROR : API_ERROR)).split(' ');
    e = fault(k[0] + 'Error', k[1], clip(m || d, 500), s, s > 499);
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
  if (!isObj(v) || typeof v.status != 'boolean') {
    throw fail('HTTP ' + s + ' body is JSON but not a TagoIO envelope', 'not_an_envelope');
  }
  return { data: v.result, warning: str(v.message) ? redact(v.message, t) : undefined };
}

var POLICY = /*@fact RETRY_DEFAULTS*/{};

/* Methods whose repetition cannot create a second effect (RFC 9110 9.2.2). A lookup, not a search in a list of
   names: Espruino 2v29's indexOf found ' POST ' in ' GET ... DELETE ' and resent writes. Compared with 1 so that
   inherited names ('constructor') do not count. */
var IDEMPOTENT = { GET: 1, HEAD: 1, OPTIONS: 1, PUT: 1, DELETE: 1 };

/* Whether attempt number `attempt` is followed by another, and after how long (see packages/core/src/retry.ts). */
function decideRetry(a) {
  var p = {}, ks = Obj.keys(POLICY), i, o = a.outcome, n = o.kind, s = o.status, w,
    r = a.random == null ? Math.random() : a.random,
    id = a.idempotent == null ? IDEMPOTENT[a.method.toUpperCase()] === 1 : a.idempotent,
    no = { retry: false, delayMs: 0 };
  for (i = 0; i < ks.length; i++) p[ks[i]] = a.policy && a.policy[ks[i]] != null ? a.policy[ks[i]] : POLICY[ks[i]];
  if (n == 'abort' || a.attempt > p.maxRetries) return no;
  w = Math.round(Math.min(p.initialDelayMs * Math.pow(2, Math.max(0, a.attempt - 1)), p.maxDelayMs) *
    (1 - p.jitter * Math.min(Math.max(r, 0), 1)));
  if (n == 'response' && s == 429 && o.retryAfterSeconds != null) {
    return o.retryAfterSeconds * 1000 > p.maxRetryAfterMs ? no : { retry: true, delayMs: o.retryAfterSeconds * 1000 };
  }
  return n == 'refused' || s == 429 || (id && (n == 'network' || n == 'timeout' || s == 408 || s > 499))
    ? { retry: true, delayMs: w } : no;
}

/* Whether text is a date as TagoIO reads one (the spec's DateInput): ISO 8601 or its human form
   ('2024-01-31T10:00:00.000Z', '2024-01-31 10:00:00', '2024-01-31', with Z or an offset), or a span back from now
   ('1 day', '3 hours'). Checked by hand because nothing on the board can tell: Espruino's Date.parse and
   new Date(text) answer the epoch for what they cannot read. */
function isDate(s) {
  var p = s.split(' '), i = 16, j, z,
    two = function (at, lo, hi) {
      var x = s.slice(at, at + 2);
      return x.length == 2 && whole(x) >= lo && whole(x) <= hi;
    };
  if (p.length == 2 && isDigits(p[0])) {
    z = p[1][p[1].length - 1] == 's' ? p[1].slice(0, -1) : p[1];
    return find(' second minute hour day week month year ', ' ' + z + ' ') > -1;
  }
  s = s.toUpperCase();
  if (!(isDigits(s.slice(0, 4)) && s[4] == '-' && two(5, 1, 12) && s[7] == '-' && two(8, 1, 31))) {
    return false;
  }
  if (s.length == 10) return true;
  if (!((s[10] == 'T' || s[10] == ' ') && two(11, 0, 23) && s[13] == ':' && two(14, 0, 59))) {
    return false;
  }
  if (s[i] == ':') {
    if (!two(17, 0, 59)) return false;
    i = 19;
    if (s[i] == '.') {
      for (j = ++i; isDigits(s.charAt(i)); i++);
      if (i == j) return false;
    }
  }
  z = s.slice(i);
  return z == '' || z == 'Z' || ((z[0] == '+' || z[0] == '-') && two(i + 1, 0, 23) && (z.length == 3 ||
    (z.length == 5 && two(i + 3, 0, 59)) || (z.length == 6 && z[3] == ':' && two(i + 4, 0, 59))));
}

/* Refuses, before anything is sent, what JSON.stringify would write wrongly: NaN and Infinity become null (the API
   answers 400 for the record: E.getTemperature() is NaN on some boards) and an invalid Date becomes null. r is 1
   for a record or a list of records (a body), 2 for a record's time, whose text must be a date (isDate). f names
   the place: body[0].value. Deeper than 32 levels is refused too: no TagoIO body nests that far, and a cycle would
   recurse until the stack ends. */
function checkBody(v, f, n, r) {
  var ks, i, a = Array.isArray(v);
  if (typeof v == 'number' && !isFinite(v)) throw verr('body_invalid_number', f);
  if ((typeof v == 'string' && r == 2 && !isDate(v)) || (v instanceof Date && isNaN(v.getTime()))) {
    throw verr('body_invalid_date', f);
  }
  if (v && typeof v == 'object' && !(v instanceof Date)) {
    if (n > 32) throw verr('body_invalid', f);
    /* Arrays by index: mujs's Object.keys answers [] for an array. */
    if (a) for (i = 0; i < v.length; i++) checkBody(v[i], f + '[' + i + ']', n + 1, r & 1);
    ks = a ? [] : Obj.keys(v);
    for (i = 0; i < ks.length; i++) checkBody(v[ks[i]], f + '.' + ks[i], n + 1, r == 1 && ks[i] == 'time' ? 2 : 0);
  }
}

/* options: token, region, allowInsecureHttp, env, transport(req, cb), timeoutMs, maxRetries, maxResponseBytes,
   retry, sleep, onWarning */
function Client(o) {
  var a;
  this.o = o;
  this.t = validateToken(o.token);
  this.r = resolveRegion(o.region, o);
  a = this.r.api.split('/')[2].split(':');
  this.h = a[0];
  this.p = +a[1] || (this.r.insecure ? 80 : 443);
}

/* Sends one operation. flags: 1 takes a body, 2 the body is required, 4 the answer is raw (no envelope). reserved:
   the path parameters that keep their '/'. */
Client.prototype.request = function (method, path, a, cb, flags, reserved) {
  var self = this, o = self.o, used = {}, ks, i, v, url, h, b, n = 0, reached = false, go, fin, max;
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
    /* As the core: a string or an array would otherwise be sent as a query of its characters or items. */
    if (!isObj(a)) throw verr('args_invalid', 'args');
    url = buildPath(path, a, 0, reserved, used);
    ks = Obj.keys(a);
    v = {};
    for (i = 0; i < ks.length; i++) if (!used[ks[i]] && ks[i] != 'body') v[ks[i]] = a[ks[i]];
    /* Date text in the query is checked by hand, as in a body (see isDate). */
    ks = ['start_date', 'end_date'];
    for (i = 0; i < 2; i++) {
      if (typeof v[ks[i]] == 'string' && !isDate(v[ks[i]])) throw verr(QUERY_INVALID, ks[i]);
    }
    v = serializeQuery(v);
    url += v ? '?' + v : '';
    h = { accept: 'application/json', token: self.t };
    if (self.r.insecure) h._ssl = 'false';
    if (a.body !== undefined) {
      if (!(flags & 1)) throw verr('body_unexpected', 'body');
      checkBody(a.body, 'body', 0, 1);
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
    (o.transport)({
      method: method, url: self.r.api + url, secure: !self.r.insecure, host: self.h, port: self.p, path: url,
      headers: h, body: b, timeout: to, max: max
    }, function (x, r) {
      var e, d, kind;
      if (x) {
        kind = x.kind;
        e = kind == 'timeout' ? fault('TagoTimeoutError', 'timeout', 'No answer within ' + to + ' ms', undefined, 1)
          : kind == 'too_large' ? fault('TagoResponseParseError', 'response_too_large',
            'The answer is larger than ' + max + ' bytes', undefined, 1)
            : fault('TagoConnectionError', kind == 'refused' ? 'connection_refused' : 'connection_lost',
              String(x.message || kind), undefined, kind != 'refused');
        if (kind == 'too_large') kind = 0;
      } else {
        try {
          d = parseAnswer({
            status: r.status, headers: r.headers, body: r.body, mode: flags & 4 ? 'raw' : 'envelope', token: self.t,
            max: max
          });
        } catch (y) {
          e = y;
          kind = y.status && y.excerpt === undefined ? 'response' : 0;
        }
        if (!e) {
          if (d.warning !== undefined && o.onWarning) o.onWarning(d.warning, method, path);
          return fin(null, d.data, r);
        }
      }
      d = kind && decideRetry({
        method: method, attempt: n, outcome: { kind: kind, status: e.status, retryAfterSeconds: e.retryAfterSeconds },
        policy: { maxRetries: o.maxRetries }
      });
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
exports.buildPath = buildPath;
