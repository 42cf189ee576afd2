/* Espruino transport over its `http` module: require("tagokit").espruino(require("http")). Written against Espruino's
   libs/network (socketserver.c, socketerrors.c): a string statusCode and server-cased header names; 'data' strings,
   then 'end' and 'close' on the answer; errors only on the request, as {code, message} with negative codes; end()
   throws when the host cannot be found or no socket can be made; request() returns nothing on bad options or low
   memory; no Content-Length is added for us; an answer cut short ends without an error; no timer of its own. */
/* Error codes that mean the request never left the board (socketerrors.h; the list and what each code means are in
   packages/core/src/facts.ts). Others (-1 closed, -9 reset, -15 no response ...) may come after the server got it. */
var ESPRUINO_NOT_SENT = /*@fact ESPRUINO_NOT_SENT_CODES*/[];

exports.espruino = function (http) {
  return function (q, cb) {
    var done = 0, body = '', got = 0, big = 0, req, timer,
      end = function (e, r) {
        if (!done) {
          done = 1;
          /* Older firmware throws when clearing a timer that already fired, and clearTimeout(undefined) clears all. */
          if (timer) clearTimeout(timer);
          cb(e, r);
        }
      };
    if (q.body !== undefined) q.headers['content-length'] = String(q.body.length);
    timer = setTimeout(function () {
      timer = 0;
      /* Espruino's http has no abort: its idle loop (socketserver.c, socketClientConnectionsIdle) closes and frees a
         connection whose clsNow is set, which is how it ends one itself. Without it the socket stays open for as long
         as the server keeps it, and a few timeouts use up every socket the board has. */
      if (req) req.clsNow = true;
      end({ kind: 'timeout' });
    }, q.timeout);
    try {
      req = http.request({
        host: q.host, port: q.port, path: q.path, method: q.method, protocol: q.secure ? 'https:' : 'http:',
        headers: q.headers
      }, function (res) {
        var h = {}, ks = Object.keys(res.headers || {}), i;
        got = 1;
        for (i = 0; i < ks.length; i++) h[ks[i].toLowerCase()] = String(res.headers[ks[i]]);
        res.on('data', function (d) {
          /* Past the cap, stop keeping bytes: the heap is small. */
          if (body.length + d.length > q.max) big = 1;
          else body += d;
        });
        res.on('close', function () {
          var want = h['content-length'];
          /* Espruino strings hold bytes, so a body shorter than Content-Length was cut off on the way. */
          if (!big && want !== undefined && body.length < whole(want)) {
            return end({ kind: 'network', message: 'answer cut short: ' + body.length + ' of ' + want + ' bytes' });
          }
          end(big ? { kind: 'too_large' } : null, { status: whole(String(res.statusCode)), headers: h, body: body });
        });
      });
      if (!req) {
        return end({ kind: 'refused', message: 'http.request returned nothing (bad options or out of memory)' });
      }
      req.on('error', function (e) {
        /* An array's indexOf compares whole elements: the 2v29 change is String.prototype.indexOf's alone. */
        end({
          kind: !got && e && ESPRUINO_NOT_SENT.indexOf(e.code) > -1 ? 'refused' : 'network',
          message: String((e && e.message) || e)
        });
      });
      req.end(q.body);
    } catch (x) {
      end({ kind: 'refused', message: String((x && x.message) || x) });
    }
  };
};
