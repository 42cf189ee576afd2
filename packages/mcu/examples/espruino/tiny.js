/* ESP8266-class Espruino boards (about 1,700 variables, no TLS): the tiny build, over plain HTTP with _ssl=false
   (the token travels in clear: trusted networks only). `npm install @tagokit/mcu`, then put two files of
   node_modules/@tagokit/mcu/dist on the board under the module names this file requires, so their code runs from
   flash (package README, "Loading"):
     require('Storage').write('tagokit-tiny', <text of dist/tagokit-tiny.min.js>);
     require('Storage').write('tagokit-poll', <text of dist/tagokit-poll.min.js>); */
var tagokit = require('tagokit-tiny');
var poll = require('tagokit-poll');
var client = tagokit.createClient({
  token: 'YOUR-DEVICE-TOKEN',
  region: 'us-e1',
  http: require('http'),
  plainHttp: true,
  timeoutMs: 15000
});
var interval = 60;
var report = function (e) {
  if (e) print('tagoio: ' + e.code + ' ' + e.status + ' ' + e.message);
};
/* Declared first: each step starts the next from its callback. */
var round, params;
round = function () {
  var t = E.getTemperature();
  /* NaN on ESP8266: the client refuses it (body_invalid_number), so skip the reading. */
  /* One request at a time: the next step starts in the callback of the one before. */
  if (isFinite(t)) client.sendData({ body: { variable: 'temperature', value: t } }, params);
  else params();
};
params = function (e) {
  report(e);
  poll.pollConfigParams(client, function (param, next) {
    if (param.key == 'interval' && +param.value > 0) interval = +param.value;
    next();
  }, function (e) {
    report(e);
    setTimeout(round, interval * 1000);
  });
};
round();
