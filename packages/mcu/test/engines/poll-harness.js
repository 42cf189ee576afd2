/* The polling helpers (global POLL, dist/tagokit-poll.js) against a scripted client whose answers come later, from a
   queue run at the end, as a board's network answers after the call returns. Runs in any ES5 engine (mujs, duktape,
   XS, and on Espruino's built-ins); pollResults() returns what each scenario saw. */
var pollResults = function () {
  var queue = [], out = {}, log;
  var later = function (f) {
    queue.push(f);
  };
  /* answers: list {error, data}, ackErrors {paramID: error}, data {error, data}. Every call goes to `log`. */
  var fakeClient = function (answers) {
    return {
      listConfigParams: function (args, cb) {
        log.push('list ' + JSON.stringify(args));
        later(function () {
          cb(answers.list.error || null, answers.list.data);
        });
      },
      markConfigParamRead: function (args, cb) {
        var e = (answers.ackErrors || {})[args.paramID];
        log.push('ack ' + args.paramID + ' ' + JSON.stringify(args.body));
        later(function () {
          cb(e || null, e ? undefined : 'Params updated');
        });
      },
      getData: function (args, cb) {
        log.push('getData ' + JSON.stringify(args));
        later(function () {
          cb(answers.data.error || null, answers.data.data);
        });
      }
    };
  };
  var run = function (name, answers, start) {
    log = [];
    out[name] = { log: log };
    start(fakeClient(answers), function (e, report, changed) {
      out[name].error = e || null;
      out[name].report = report === undefined ? null : report;
      if (changed !== undefined) out[name].changed = changed;
      out[name].calls = (out[name].calls || 0) + 1;
    });
    while (queue.length) queue.shift()();
  };
  var PARAMS = [
    { id: 'p1', key: 'interval', value: '60', sent: false },
    { id: 'p2', key: 'relay', value: 'on', sent: false },
    { id: 'p3', key: 'mode', value: 'eco', sent: false }
  ];
  var DENIED = { code: 'authentication', message: 'Authorization Denied', status: 401 };

  /* p1 handled at once, p2 refused by its handler, p3's handler throws: only p1 is acknowledged. */
  run('mixed', { list: { data: PARAMS } }, function (client, done) {
    POLL.pollConfigParams(client, function (param, next) {
      log.push('handle ' + param.key + '=' + param.value);
      if (param.id == 'p2') return next({ code: 'relay_stuck', message: 'relay did not switch' });
      if (param.id == 'p3') throw { code: 'bad_mode', message: 'eco' };
      next();
    }, done);
  });
  /* A handler that answers later: its parameter is acknowledged only then, and the next one waits for it. */
  run('async', { list: { data: PARAMS.slice(0, 2) } }, function (client, done) {
    POLL.pollConfigParams(client, function (param, next) {
      log.push('handle ' + param.id);
      later(function () {
        log.push('applied ' + param.id);
        next();
      });
    }, done);
  });
  /* Calling back twice acknowledges once. */
  run('twice', { list: { data: PARAMS.slice(0, 1) } }, function (client, done) {
    POLL.pollConfigParams(client, function (param, next) {
      next();
      next();
    }, done);
  });
  run('listError', { list: { error: DENIED } }, function (client, done) {
    POLL.pollConfigParams(client, function () {
      log.push('handler called');
    }, done);
  });
  /* A failed acknowledgement ends the round: p2 is not handled, both stay unsent for the next round. */
  run('ackError', { list: { data: PARAMS.slice(0, 2) }, ackErrors: { p1: DENIED } }, function (client, done) {
    POLL.pollConfigParams(client, function (param, next) {
      log.push('handle ' + param.id);
      next();
    }, done);
  });
  run('notAList', { list: { data: 'Params' } }, function (client, done) {
    POLL.pollConfigParams(client, function (param, next) {
      next();
    }, done);
  });
  run('empty', { list: { data: [] } }, function (client, done) {
    POLL.pollConfigParams(client, function (param, next) {
      next();
    }, done);
  });

  var SETPOINT = { id: 'r1', variable: 'setpoint', value: 22, time: '2026-12-03T10:00:00.000Z' };
  run('lastValue', { data: { data: [SETPOINT] } }, function (client, done) {
    POLL.pollLastValue(client, 'setpoint', done);
  });
  run('sameId', { data: { data: [{ id: 'r1', variable: 'setpoint', value: 23, time: 'later' }] } }, function (client, done) {
    POLL.pollLastValue(client, 'setpoint', SETPOINT, done);
  });
  run('newId', { data: { data: [{ id: 'r2', variable: 'setpoint', value: 22 }] } }, function (client, done) {
    POLL.pollLastValue(client, 'setpoint', SETPOINT, done);
  });
  run('sameNoId', { data: { data: [{ variable: 'setpoint', value: 22, time: 't1' }] } }, function (client, done) {
    POLL.pollLastValue(client, 'setpoint', { value: 22, time: 't1' }, done);
  });
  run('newValueNoId', { data: { data: [{ variable: 'setpoint', value: 21, time: 't1' }] } }, function (client, done) {
    POLL.pollLastValue(client, 'setpoint', { value: 22, time: 't1' }, done);
  });
  run('noRecord', { data: { data: [] } }, function (client, done) {
    POLL.pollLastValue(client, 'setpoint', done);
  });
  run('dataError', { data: { error: DENIED } }, function (client, done) {
    POLL.pollLastValue(client, 'setpoint', SETPOINT, done);
  });
  return out;
};
