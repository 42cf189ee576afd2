/* Espruino (e.g. Pico + ESP8266 module, or an ESP32 build with TLS): send a reading every minute, apply
   configuration parameters sent from TagoIO, and follow a dashboard's setpoint. `npm install @tagokit/mcu`, then put
   two files of node_modules/@tagokit/mcu/dist on the board under the module names this file requires, so their code
   runs from flash (package README, "Loading"):
     require('Storage').write('tagokit', <text of dist/tagokit.min.js>);
     require('Storage').write('tagokit-poll', <text of dist/tagokit-poll.min.js>);
   On ESP8266-class boards use tiny.js (the tiny build) instead. */
var tagokit = require('tagokit');
var poll = require('tagokit-poll');
var client = tagokit.createClient({
  token: 'YOUR-DEVICE-TOKEN',
  region: 'us-e1', // https; on boards without TLS use { api: 'http://api.us-e1.tago.io' } and allowInsecureHttp: true
  transport: tagokit.espruino(require('http')),
  timeoutMs: 15000,
  maxRetries: 1
});
var setpoint = null, interval = 60;
var report = function (e) {
  if (e) print('tagoio: ' + e.name + ' ' + e.code + ' ' + e.message);
};
/* Declared first: each step starts the next from its callback. */
var round, params;
round = function () {
  var t = E.getTemperature();
  /* NaN on ESP8266 and some ESP32 variants: the client would refuse it (body_invalid_number), so skip the reading. */
  /* One request at a time: each step starts in the callback of the one before (sockets and TLS memory are few). */
  if (isFinite(t)) client.sendData({ body: { variable: 'temperature', value: t, unit: 'C' } }, params);
  else params();
};
params = function (e) {
  report(e);
  poll.pollConfigParams(client, function (param, next) {
    print('param ' + param.key + ' = ' + param.value);
    if (param.key == 'interval' && +param.value > 0) interval = +param.value;
    next(); // marks it read; next(error) would leave it for the next round
  }, function (e) {
    report(e);
    poll.pollLastValue(client, 'setpoint', setpoint, function (e, record, changed) {
      report(e);
      if (changed) {
        setpoint = record;
        print('setpoint ' + record.value);
      }
      /* The next round starts when this one has ended, so rounds never overlap. */
      setTimeout(round, interval * 1000);
    });
  });
};
round();
