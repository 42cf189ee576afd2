/* Moddable (ESP32 with TLS): copy this folder out, `npm install` in it (the manifest includes
   node_modules/@tagokit/mcu/moddable/manifest.json, which builds the module "tagokit"), then
   `mcconfig -d -m -p esp32 ssid=... password=...`. On a board without
   TLS (ESP8266), drop the tls.json include and SecureSocket, and use { api: "http://api.us-e1.tago.io" } with
   allowInsecureHttp: true (the client then sends _ssl: false). */
import tagokit from "tagokit";
import SecureSocket from "securesocket";

const client = tagokit.connect({
  token: "YOUR-DEVICE-TOKEN",
  region: "us-e1",
  SecureSocket: SecureSocket,
  timeoutMs: 15000,
  maxRetries: 1
});

client.sendData({ body: { variable: "temperature", value: 21.5, unit: "C" } }, function (e, result) {
  if (e) trace("tagoio: " + e.name + " " + e.code + " " + e.message + "\n");
  else trace("tagoio: " + result + "\n");
});
