/* Espruino (e.g. Pico + ESP8266, or an ESP32 build with TLS): send a reading every minute and apply config params.
   Put node_modules/@tagokit/mcu/dist/tagokit.min.js (npm install @tagokit/mcu) on the board as module "tagokit":
   require('Storage').write('tagokit', <its text>) so it runs from flash, or tagokit-tiny.min.js on ESP8266-class
   boards (see the package README, "Loading"). */
var tagokit = require('tagokit');
var client = tagokit.createClient({
  token: 'YOUR-DEVICE-TOKEN',
  region: 'us-e1', // https; on boards without TLS use { api: 'http://api.us-e1.tago.io' } and allowInsecureHttp: true
  transport: tagokit.espruino(require('http')),
  timeoutMs: 15000,
  maxRetries: 1
});
var report = function (e) {
  if (e) print('tagoio: ' + e.name + ' ' + e.code + ' ' + e.message);
};
var tick = function () {
  var t = E.getTemperature();
  /* NaN on ESP8266 and some ESP32 variants: the client would refuse it (body_invalid_number), so skip the reading. */
  if (isFinite(t)) client.sendData({ body: { variable: 'temperature', value: t, unit: 'C' } }, report);
  client.listConfigParams({ sent_status: false }, function (e, params) {
    var i;
    if (e) return report(e);
    for (i = 0; i < params.length; i++) {
      print('param ' + params[i].key + ' = ' + params[i].value);
      client.markConfigParamRead({ paramID: params[i].id, body: { sent: true } }, report);
    }
  });
};
setInterval(tick, 60000);
tick();
