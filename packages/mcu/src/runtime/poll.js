/* Polling helpers for the MCU clients (ES5; the full and the tiny build alike): a board gets no push from TagoIO over
   HTTP, so downlinks arrive as configuration parameters it reads and then marks as read (feature-gap: "MCU: no SSE;
   offer polling helpers"), and a dashboard's setpoint is a variable's last value. Each helper makes one round; call
   it from setInterval, and start the next round from the callback, not the timer, so rounds never overlap. */

/* Each unsent configuration parameter ({id, key, value, sent}) goes to handler(param, next); next() acknowledges it
   (PUT /device/params/{id} with {sent: true}), next(error) leaves it unsent so the next round delivers it again.
   One at a time, in the API's order. done(error, {acknowledged: [ids], failed: [{id, key, error}]}): a handler's
   failure (or throw) only skips its parameter; a failed list or acknowledgement ends the round with that error
   (the report so far as the second argument). */
exports.pollConfigParams = function (client, handler, done) {
  client.listConfigParams({ sent_status: false }, function (err, params) {
    var report = { acknowledged: [], failed: [] }, i = 0, next;
    if (err) return done(err, report);
    if (!Array.isArray(params)) {
      return done({ code: 'not_a_list', message: 'GET /device/params did not answer a list', status: 200 }, report);
    }
    next = function () {
      var param = params[i++], settled = 0, after;
      if (!param) return done(null, report);
      after = function (e) {
        /* A handler that calls back twice, or throws after calling back, counts once. */
        if (settled++) return;
        if (e) {
          report.failed.push({ id: param.id, key: param.key, error: e });
          return next();
        }
        client.markConfigParamRead({ paramID: param.id, body: { sent: true } }, function (e2) {
          if (e2) return done(e2, report);
          report.acknowledged.push(param.id);
          next();
        });
      };
      try {
        handler(param, after);
      } catch (x) {
        after(x || { code: 'handler_threw', message: String(x) });
      }
    };
    next();
  });
};

/* The last value of one variable (GET /data?variables=<name>&query=last_value). done(error, record, changed):
   record is the newest one or null when the variable has none; changed says it differs from `previous` (the record
   the last round gave: compared by id, else by time and value), so a board acts on a new setpoint once. */
exports.pollLastValue = function (client, variable, previous, done) {
  if (typeof previous == 'function') {
    done = previous;
    previous = null;
  }
  client.getData({ variables: variable, query: 'last_value' }, function (err, records) {
    var r;
    if (err) return done(err, null, false);
    r = (Array.isArray(records) && records[0]) || null;
    done(null, r, !!r && !(previous && (r.id !== undefined ? r.id === previous.id :
      r.time === previous.time && r.value === previous.value)));
  });
};
