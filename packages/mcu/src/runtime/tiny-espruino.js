/* The tiny build's Espruino transport, over its `http` module: require("tagokit-tiny").espruino(require("http")).
   Separate from espruino.js, whose Content-Length check and table of not-sent socket codes alone cost more than half
   of the tiny budget: here every error after the request was made counts as a lost connection (possibly processed),
   and an answer cut short reaches the envelope check (not_an_envelope). What it keeps from espruino.js: the
   timed-out request's socket is closed (clsNow), a fired timer is never cleared, the answer is capped at q.max. */
exports.espruino = function (http) {
  return function (q, cb) {
    var done, body = '', big, req, timer,
      end = function (e, r) {
        if (!done) {
          done = 1;
          if (timer) clearTimeout(timer);
          cb(e, r);
        }
      };
    timer = setTimeout(function () {
      timer = 0;
      if (req) req.clsNow = true;
      end({ kind: 'timeout' });
    }, q.timeout);
    if (q.body !== undefined) q.headers['content-length'] = String(q.body.length);
    try {
      req = http.request({
        host: q.host, port: q.port, path: q.path, method: q.method, protocol: q.secure ? 'https:' : 'http:',
        headers: q.headers
      }, function (res) {
        res.on('data', function (d) {
          if (body.length + d.length > q.max) big = 1;
          else body += d;
        });
        res.on('close', function () {
          var h = {}, ks = Object.keys(res.headers || {}), i;
          for (i = 0; i < ks.length; i++) h[ks[i].toLowerCase()] = String(res.headers[ks[i]]);
          end(big ? { kind: 'too_large' } : 0, { status: whole(String(res.statusCode)), headers: h, body: body });
        });
      });
      req.on('error', function (e) {
        end({ kind: 'network', message: e && e.message });
      });
      req.end(q.body);
    } catch (x) {
      /* end() throws when no socket can be made; request() answers nothing on bad options (req.on then throws). */
      end({ kind: 'refused', message: String((x && x.message) || x) });
    }
  };
};
