/* Moddable transport over `Request` from "http": flat header array, ASCII string body (the runtime escapes every
   non-ASCII character), numbered callback messages (1 status, 2 header, 5 complete, < 0 error), `Timer` for the
   timeout and for retry waits. Pass SecureSocket (from "securesocket") on boards with TLS. */
exports.moddable = function (Request, Timer, SecureSocket) {
  var send = function (q, cb) {
    var done = 0, status, hs = {}, flat = [], ks = Object.keys(q.headers), i, req, timer, d,
      end = function (e, r) {
        if (!done) {
          done = 1;
          Timer.clear(timer);
          if (e && req) {
            try {
              req.close();
            } catch (x) {
              e.closeFailed = true;
            }
          }
          cb(e, r);
        }
      };
    if (q.secure && !SecureSocket) return cb({ kind: 'refused', message: 'no SecureSocket for https' });
    for (i = 0; i < ks.length; i++) flat.push(ks[i], q.headers[ks[i]]);
    /* Request writes `Host` without the port; HTTP wants it whenever the port is not the scheme's default. */
    if (q.port != (q.secure ? 443 : 80)) flat.push('host', q.host + ':' + q.port);
    timer = Timer.set(function () {
      end({ kind: 'timeout' });
    }, q.timeout);
    d = { host: q.host, port: q.port, path: q.path, method: q.method, headers: flat, response: String };
    if (q.body !== undefined) d.body = q.body;
    /* Request spreads this dictionary over its defaults, so a key set to undefined would replace the default
       Socket: TLS keys are added only for https. */
    if (q.secure) {
      d.Socket = SecureSocket;
      d.secure = { protocolVersion: 0x303 };
    }
    try {
      req = new Request(d);
    } catch (x) {
      return end({ kind: 'refused', message: String(x) });
    }
    req.callback = function (m, v, w) {
      if (m == 1) status = v;
      else if (m == 2) hs[String(v).toLowerCase()] = String(w);
      else if (m == 5) end(null, { status: +status, headers: hs, body: v == null ? '' : String(v) });
      else if (m < 0) end({ kind: 'network', message: 'http error ' + m });
    };
  };
  send.sleep = function (f, ms) {
    Timer.set(f, ms);
  };
  return send;
};
