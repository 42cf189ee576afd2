/* Generic transport over a WHATWG fetch (runtimes that have one): require("tagokit/src/fetch").fetch(). */
exports.fetch = function (f) {
  return function (q, cb) {
    var done = 0, timer,
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
    (f || fetch)(q.url, { method: q.method, headers: q.headers, body: q.body }).then(function (res) {
      var h = {};
      res.headers.forEach(function (v, k) {
        h[k.toLowerCase()] = v;
      });
      return res.text().then(function (b) {
        end(b.length > q.max ? { kind: 'too_large' } : null, { status: res.status, headers: h, body: b });
      });
    }).catch(function (e) {
      var c = e && e.cause && e.cause.code;
      end({ kind: c == 'ECONNREFUSED' || c == 'ENOTFOUND' ? 'refused' : 'network', message: String((e && e.message) || e) });
    });
  };
};
