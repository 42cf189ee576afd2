/* tagokit tiny runtime (ES5) for the smallest boards (ESP8266-class Espruino, about 1,700 variables), as small as
   the list allows (its 2,048-byte budget is below the measured floor: see the package README), driving
   Espruino's `http` itself (the caller passes it in). scripts/build.mjs puts
   src/runtime/shared.js before it, the tiny operation table (src/generated/operations-tiny.js) at the marker below
   and the core's facts at each @fact marker. It keeps the full runtime's call shape (client.sendData({ body }, cb)),
   error codes, statuses and envelope rules, and drops what does not fit (the package README lists each difference). */
/* Status -> error code; key 5 is every other status >= 500, key 0 the rest. */
var TINY_ERRORS = /*@fact TINY_ERRORS*/{},
  /* The named regions (and 'usa-1', the old name of 'us-e1'), each served from https://api.<name>.tago.io: the
     build checks that against facts.ts, so only the names ship. */
  TINY_REGIONS = /*@fact TINY_REGIONS*/{},
  MAX_RETRY_AFTER_MS = /*@fact MAX_RETRY_AFTER_MS*/0,
  operations;

/* Seconds a 429 asks to wait: a Retry-After header of digits (Espruino keeps the server's casing), else TagoIO's
   "Retry-After: N" in the message. A partial match at the message's end (Espruino 2v29's indexOf) has no digits
   after it, so find() is not needed. */
function retryAfterFrom(h, m) {
  var v = whole(String(h['retry-after'] || h['Retry-After']).trim()), i = String(m).indexOf('Retry-After: ') + 13,
    n = i;
  if (v != v && i > 12) {
    while (whole(m.charAt(n)) >= 0) n++;
    v = whole(m.slice(i, n));
  }
  return v == v ? v : undefined;
}

/* {data, warning} of an answer, or throws its error {code, message, status, retryAfterSeconds}. Text that is not an
   envelope gives one error (not_an_envelope for a 2xx, unexpected_status otherwise). */
function parseAnswer(a) {
  var s = a.status, v, m;
  try {
    v = JSON.parse(a.body);
  } catch (x) {
    /* Espruino answers undefined for some bad text instead of throwing: both end up as "not an object". */
  }
  v = v && typeof v == 'object' ? v : {};
  m = str(v.message);
  if (s > 399 || (s < 300 && v.status === false)) {
    m = m || str(v.result) || (v.result && str(v.result.message));
    throw {
      code: TINY_ERRORS[s] || TINY_ERRORS[s > 499 ? 5 : 0], message: m || 'HTTP ' + s, status: s,
      retryAfterSeconds: retryAfterFrom(a.headers, m)
    };
  }
  if (s > 299 || typeof v.status != 'boolean') {
    throw { code: s > 299 ? 'unexpected_status' : 'not_an_envelope', message: 'HTTP ' + s, status: s };
  }
  return { data: v.result, warning: m || undefined };
}

/* A refused argument, f naming it. */
function invalid(code, f) {
  return { code: code, message: f + ': ' + code, field: f };
}

/* A flat query of q's keys but body and skip: strings, finite numbers and booleans. ASCII only: Espruino's
   encodeURIComponent sign-extends bytes above 0x7F on x86 builds. */
function serializeQuery(q, skip) {
  return Object.keys(q).filter(function (k) {
    var v = q[k], t = typeof v, i;
    if (t == 'undefined' || k == 'body' || k == skip) return 0;
    /* Anything else is refused as a non-ASCII value would be. */
    v = t == 'string' || t == 'boolean' || (t == 'number' && isFinite(v)) ? k + v : '\x80';
    for (i = v.length; i--;) if (v.charCodeAt(i) > 127) throw invalid('query_invalid_value', k);
    return 1;
  }).map(function (k) {
    return encodeURIComponent(k) + '=' + encodeURIComponent(q[k]);
  }).join('&');
}

/* NaN, ±Infinity and a Date that is NaN refused (JSON.stringify would send null), f naming the place. */
function checkBody(v, f) {
  if (typeof v == 'number' && !isFinite(v)) throw invalid('body_invalid_number', f);
  if (v instanceof Date && !isFinite(v.getTime())) throw invalid('body_invalid_date', f);
  /* Arrays by index: mujs's Object.keys answers [] for an array. */
  if (Array.isArray(v)) {
    v.forEach(function (x, i) {
      checkBody(x, f + '[' + i + ']');
    });
  } else if (v && typeof v == 'object') {
    Object.keys(v).forEach(function (k) {
      checkBody(v[k], f + '.' + k);
    });
  }
}

/* The generated table ('getData GET /data 0,...': id, method, path, flags) for createClient. */
function defineOperations(table) {
  operations = table.split(',');
}

/*@operations*/

/* options: token, region (a name), http (Espruino's require('http')), plainHttp (http and _ssl=false, for boards
   without TLS), timeoutMs */
exports.createClient = function (o) {
  var client = {}, host = TINY_REGIONS[o.region || 'us-e1'];
  if (typeof host != 'string') throw invalid('region_unknown', 'region');
  operations.forEach(function (op) {
    op = op.split(' ');
    client[op[0]] = function (a, cb) {
      var path = op[2].split('{'), name = path[1], h = { token: o.token }, url = path[0], waited = 0, v, b, go;
      if (!cb) {
        cb = a;
        a = {};
      }
      try {
        if (name) {
          v = a[name = name.slice(0, -1)];
          /* A path value that needs escaping, or a dot segment, is refused instead of escaped. */
          if (!v || encodeURIComponent(v) !== v || v[0] == '.') throw invalid('path_param_invalid', name);
          url += v;
        }
        if ((v = serializeQuery(a, name))) url += '?' + v;
        if (o.plainHttp) h._ssl = 'false';
        if ((b = a.body) !== undefined) {
          checkBody(b, 'body');
          h['content-type'] = 'application/json';
          /* ASCII: Espruino's JSON.stringify escapes every character outside 32-126 itself (src/jsutils.c). */
          h['content-length'] = String((b = JSON.stringify(b)).length);
        }
      } catch (x) {
        return cb(x);
      }
      /* One attempt over Espruino's http (libs/network/socketserver.c): a string statusCode and server-cased
         header names, 'data' then 'close' on the answer, errors on the request only, end() throwing when no socket
         can be made, request() answering nothing on bad options (req.on then throws), the port following the
         protocol when none is given, no timer of its own. */
      (go = function () {
        var done = 0, body = '', big, req, timer,
          end = function (e, r) {
            if (done++) return;
            /* Older firmware throws when clearing a timer that already fired; clearTimeout(undefined) clears all. */
            if (timer) clearTimeout(timer);
            try {
              if (e) throw { code: e, message: e };
              e = parseAnswer(r);
            } catch (x) {
              /* One wait, and only as long as the full runtime would wait. */
              e = x.retryAfterSeconds * 1000;
              return x.status == 429 && !waited++ && e <= MAX_RETRY_AFTER_MS ? setTimeout(go, e) : cb(x);
            }
            cb(null, e.data, r);
          };
        timer = setTimeout(function () {
          timer = 0;
          /* Espruino's http has no abort: its idle loop closes and frees a connection whose clsNow is set. */
          req.clsNow = true;
          end('timeout');
        }, o.timeoutMs || 30000);
        try {
          req = o.http.request({
            host: 'api.' + host + '.tago.io', path: url, method: op[1], protocol: o.plainHttp ? 'http:' : 'https:',
            headers: h
          }, function (res) {
            res.on('data', function (d) {
              /* Past 4 KB, drop what came: the heap is small. */
              if ((body += d).length > 4096) {
                big = 'response_too_large';
                body = '';
              }
            });
            res.on('close', function () {
              end(big, { status: +res.statusCode, headers: res.headers, body: body });
            });
          });
          req.on('error', function () {
            end('connection_lost');
          });
          req.end(b);
        } catch (x) {
          end('connection_refused');
        }
      })();
    };
  });
  return client;
};
exports.parseAnswer = parseAnswer;
exports.serializeQuery = serializeQuery;
exports.retryAfterFrom = retryAfterFrom;
