/* Moddable (ESP32 with TLS): copy this folder out, `npm install` in it (the manifest includes
   node_modules/@tagokit/mcu/moddable/manifest.json, which builds the modules "tagokit" and "tagokit-poll"), then
   `mcconfig -d -m -p esp32 ssid=... password=...`. On a board without
   TLS (ESP8266), drop the tls.json include and SecureSocket, and use { api: "http://api.us-e1.tago.io" } with
   allowInsecureHttp: true (the client then sends _ssl: false). */
import tagokit from "tagokit";
import poll from "tagokit-poll";
import SecureSocket from "securesocket";
import Timer from "timer";

const client = tagokit.connect({
  token: "YOUR-DEVICE-TOKEN",
  region: "us-e1",
  SecureSocket: SecureSocket,
  timeoutMs: 15000,
  maxRetries: 1
});
const report = function (e) {
  if (e) trace("tagoio: " + e.name + " " + e.code + " " + e.message + "\n");
};

/* One round a minute, one request at a time: send a reading, then apply and acknowledge the configuration
   parameters sent from TagoIO. The next round is set from the last callback, so rounds never overlap. */
function round() {
  client.sendData({ body: { variable: "temperature", value: 21.5, unit: "C" } }, function (e) {
    report(e);
    poll.pollConfigParams(client, function (param, next) {
      trace("param " + param.key + " = " + param.value + "\n");
      next();
    }, function (e) {
      report(e);
      Timer.set(round, 60000);
    });
  });
}
round();
