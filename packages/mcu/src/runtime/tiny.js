/* tagokit tiny runtime (ES5) for the smallest boards (ESP8266-class Espruino, about 1,700 variables), at most
   2,048 bytes minified with its Espruino transport (tiny-espruino.js). scripts/build.mjs puts src/runtime/shared.js
   before it, the tiny operation table (src/generated/operations-tiny.js) at the marker below and the core's facts
   at each @fact marker. It keeps the full runtime's call shape (client.sendData({ body }, cb)), error objects and
   envelope rules, and drops what does not fit (the package README lists each difference): named regions only, a
   flat ASCII query, path values that need no escaping, one wait for a 429's Retry-After and no other retry, no
   redaction, no date-text check, no byte order mark or nesting check. */
var STATUS_ERRORS = /*@fact STATUS_ERRORS*/{}, SERVER_ERROR = /*@fact SERVER_ERROR*/'',
  API_ERROR = /*@fact API_ERROR*/'',
  NAMED_REGIONS = /*@fact NAMED_REGIONS*/{}, MAX_RETRY_AFTER_MS = /*@fact MAX_RETRY_AFTER_MS*/0,
  /* Transport failure kind -> 'ErrorName code', as the full runtime names them. */
  FAILURES = {
    timeout: 'TagoTimeoutError timeout', refused: 'TagoConnectionError connection_refused',
    network: 'TagoConnectionError connection_lost', too_large: 'TagoResponseParseError response_too_large'
  };

/* Named regions only ('usa-1' is the old name of 'us-e1'): { api, sse, insecure } as the full runtime answers. */
function resolveRegion(r) {
  r = r == null || r == 'usa-1' ? 'us-e1' : r;
  if (typeof r != 'string' || !NAMED_REGIONS.hasOwnProperty(r)) throw verr('region_unknown', 'region');
  r = NAMED_REGIONS[r].split(' ');
  return { api: r[0], sse: r[1], insecure: false };
}

/* Seconds a 429 asks to wait: a Retry-After header of digits, else TagoIO's "Retry-After: N" in the message. */
function retryAfterFrom(h, m) {
  var v = whole(String(h['retry-after']).trim()), i;
  if (!isNaN(v)) return v;
  i = m ? find(m, 'Retry-After: ') : -1;
  if (i < 0) return undefined;
  m = m.slice(i + 13);
  for (i = 0; isDigits(m.charAt(i)); i++);
  return i ? whole(m.slice(0, i)) : undefined;
}

/* {data, warning} of an answer, or throws the error the full runtime would for a JSON answer. Text that is not an
   envelope gives one error (not_an_envelope for a 2xx, unexpected_status otherwise) instead of the full runtime's
   finer codes. */
function parseAnswer(a) {
  var s = a.status, h = a.headers || {}, b = String(a.body || ''), v, m, k, e;
  try {
    v = JSON.parse(b);
  } catch (x) {
    v = 0;
  }
  if (s > 399 || (s > 199 && s < 300 && isObj(v) && v.status === false)) {
    m = isObj(v) && (str(v.message) || str(v.result) || (isObj(v.result) && str(v.result.message)));
    k = (STATUS_ERRORS[s] || (s > 499 ? SERVER_ERROR : API_ERROR)).split(' ');
    e = fault(k[0] + 'Error', k[1], m || 'HTTP ' + s + (b ? '' : ' with an empty body'), s, s > 499);
    if (s == 429) e.retryAfterSeconds = retryAfterFrom(h, m);
    throw e;
  }
  if (!(s > 199 && s < 300 && isObj(v) && typeof v.status == 'boolean')) {
    throw fault('TagoResponseParseError', s > 199 && s < 300 ? 'not_an_envelope' : 'unexpected_status',
      'HTTP ' + s + ' is not a TagoIO envelope', s, 1);
  }
  return { data: v.result, warning: str(v.message) || undefined };
}

/* Printable ASCII only: Espruino's encodeURIComponent sign-extends bytes above 0x7F on x86 builds. */
function isAscii(t) {
  var i;
  for (i = 0; i < t.length; i++) if (t.charCodeAt(i) < 32 || t.charCodeAt(i) > 126) return false;
  return true;
}

/* A flat query: strings, finite numbers and booleans, in ASCII. */
function serializeQuery(q) {
  var p = [], ks = Object.keys(q || {}), i, v;
  for (i = 0; i < ks.length; i++) {
    v = q[ks[i]];
    if (v === undefined) continue;
    if (!(typeof v == 'string' || typeof v == 'boolean' || (typeof v == 'number' && isFinite(v))) ||
      !isAscii(ks[i] + v)) throw verr('query_invalid_value', ks[i]);
    p.push(encodeURIComponent(ks[i]) + '=' + encodeURIComponent(v));
  }
  return p.join('&');
}

/* NaN, ±Infinity and a Date that is NaN refused (JSON.stringify would send null), f naming the place. */
function checkBody(v, f) {
  var ks, i;
  if (typeof v == 'number' && !isFinite(v)) throw verr('body_invalid_number', f);
  if (v instanceof Date && isNaN(v.getTime())) throw verr('body_invalid_date', f);
  /* Arrays by index: mujs's Object.keys answers [] for an array. */
  if (Array.isArray(v)) for (i = 0; i < v.length; i++) checkBody(v[i], f + '[' + i + ']');
  else if (isObj(v) && !(v instanceof Date)) {
    for (ks = Object.keys(v), i = 0; i < ks.length; i++) checkBody(v[ks[i]], f + '.' + ks[i]);
  }
}

/* options: token, region (a name), plainHttp (http and _ssl=false, for boards without TLS), transport, timeoutMs,
   maxResponseBytes, sleep */
function Client(o) {
  this.o = o;
  this.t = validateToken(o.token);
  this.h = resolveRegion(o.region).api.split('/')[2];
}

/* Sends one operation. flags: 1 takes a body, 2 the body is required. */
Client.prototype.request = function (method, path, a, cb, flags) {
  var self = this, o = self.o, parts = path.split('{'), url = parts[0], q = {}, h, b, i, k, v, ks, waited = 0, go;
  if (typeof a == 'function') {
    cb = a;
    a = {};
  }
  a = a || {};
  try {
    if (!isObj(a)) throw verr('args_invalid', 'args');
    for (ks = Object.keys(a), i = 0; i < ks.length; i++) if (ks[i] != 'body') q[ks[i]] = a[ks[i]];
    for (i = 1; i < parts.length; i++) {
      k = parts[i].split('}');
      v = q[k[0]];
      if (v == null || v === '') throw verr('path_param_missing', k[0]);
      /* A value that needs escaping, or a dot segment, is refused instead of escaped. */
      if (typeof v != 'string' || encodeURIComponent(v) != v || v.charAt(0) == '.') {
        throw verr('path_param_invalid', k[0]);
      }
      url += v + k[1];
      delete q[k[0]];
    }
    v = serializeQuery(q);
    url += v ? '?' + v : '';
    h = { token: self.t };
    if (o.plainHttp) h._ssl = 'false';
    if (a.body !== undefined) {
      if (!(flags & 1)) throw verr('body_unexpected', 'body');
      checkBody(a.body, 'body');
      h['content-type'] = 'application/json';
      b = asciiJson(a.body);
    } else if (flags & 2) {
      throw verr('body_missing', 'body');
    }
  } catch (x) {
    return cb(x);
  }
  go = function () {
    o.transport({
      method: method, host: self.h, port: o.plainHttp ? 80 : 443, secure: !o.plainHttp, path: url, headers: h,
      body: b, timeout: o.timeoutMs || 30000, max: o.maxResponseBytes || 4096
    }, function (x, r) {
      var d;
      if (x) {
        d = FAILURES[x.kind].split(' ');
        return cb(fault(d[0], d[1], String(x.message || x.kind), undefined, x.kind != 'refused'));
      }
      try {
        d = parseAnswer(r);
      } catch (e) {
        /* One wait, and only as long as the full runtime would wait. */
        if (e.status == 429 && !waited++ && e.retryAfterSeconds * 1000 <= MAX_RETRY_AFTER_MS) {
          return (o.sleep || setTimeout)(go, e.retryAfterSeconds * 1000);
        }
        return cb(e);
      }
      cb(null, d.data, r);
    });
  };
  go();
};

/* The generated table ('getData GET /data 0,...': id, method, path, flags) as Client.prototype methods. */
function defineOperations(table) {
  var ops = table.split(','), i;
  for (i = 0; i < ops.length; i++) {
    (function (op) {
      Client.prototype[op[0]] = function (args, cb) {
        return this.request(op[1], op[2], args, cb, +op[3]);
      };
    })(ops[i].split(' '));
  }
}

/*@operations*/

exports.createClient = function (o) {
  return new Client(o || {});
};
exports.parseAnswer = parseAnswer;
exports.serializeQuery = serializeQuery;
exports.resolveRegion = resolveRegion;
exports.validateToken = validateToken;
exports.retryAfterFrom = retryAfterFrom;
