/* Generic transport over a WHATWG fetch (runtimes that have one): require("tagokit/src/fetch").fetch(). Redirects
   are not followed (redirect: 'manual'): fetch keeps the token header across origins and resends a 307's body. The
   runtime turns the 3xx into a TagoRedirectError; a browser's opaque answer (status 0) is an unexpected status. */
/* Node's and undici's codes for a request that never left (packages/core/src/facts.ts, as the core reads them). */
var NOT_SENT = /*@fact NOT_SENT_CODES*/[];

exports.fetch = function (f) {
  return function (q, cb) {
    var done = 0, timer, init = { method: q.method, headers: q.headers, body: q.body, redirect: 'manual' },
      end = function (e, r) {
        if (!done) {
          done = 1;
          clearTimeout(timer);
          cb(e, r);
        }
      };
    timer = setTimeout(function () {
      end({ kind: 'timeout' });
    }, q.timeout);
    (f || fetch)(q.url, init).then(function (res) {
      var h = {};
      res.headers.forEach(function (v, k) {
        h[k.toLowerCase()] = v;
      });
      return res.text().then(function (b) {
        end(b.length > q.max ? { kind: 'too_large' } : null, { status: res.status, headers: h, body: b });
      });
    }).catch(function (e) {
      var c = e && e.cause && e.cause.code;
      end({
        kind: NOT_SENT.indexOf(c) > -1 ? 'refused' : 'network',
        message: String((e && e.message) || e)
      });
    });
  };
};
