/* Espruino transport over its `http` module: require("tagokit").espruino(require("http")). Espruino gives a string
   statusCode and server-cased header names, ends answers with 'close', may throw from end() when the connection is
   refused, and does not add Content-Length itself. */
exports.espruino = function (http) {
  return function (q, cb) {
    var done = 0, body = '', got = 0, big = 0, req, timer,
      end = function (e, r) {
        if (!done) {
          done = 1;
          clearTimeout(timer);
          cb(e, r);
        }
      };
    if (q.body !== undefined) q.headers['content-length'] = String(q.body.length);
    timer = setTimeout(function () {
      end({ kind: 'timeout' });
    }, q.timeout);
    try {
      req = http.request({ host: q.host, port: q.port, path: q.path, method: q.method, protocol: q.secure ? 'https:' : 'http:', headers: q.headers }, function (res) {
        var h = {}, ks = Object.keys(res.headers || {}), i;
        got = 1;
        for (i = 0; i < ks.length; i++) h[ks[i].toLowerCase()] = String(res.headers[ks[i]]);
        res.on('data', function (d) {
          /* Past the cap, stop keeping bytes: the heap is small. */
          if (body.length + d.length > q.max) big = 1;
          else body += d;
        });
        res.on('close', function () {
          end(big ? { kind: 'too_large' } : null, { status: +res.statusCode, headers: h, body: body });
        });
      });
      req.on('error', function (e) {
        var m = String((e && e.message) || e), k = m.toLowerCase();
        end({ kind: !got && (k.indexOf('refus') > -1 || k.indexOf('not found') > -1 || k.indexOf('no conn') > -1 || k.indexOf('no route') > -1) ? 'refused' : 'network', message: m });
      });
      req.end(q.body);
    } catch (x) {
      end({ kind: 'refused', message: String((x && x.message) || x) });
    }
  };
};
