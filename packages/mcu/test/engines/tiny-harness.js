/* The tiny build's scenarios over the fake http module of espruino-http.js, on Espruino's built-ins (2v29 indexOf,
   split with a long separator, Date, JSON.parse, signed-char encodeURIComponent). The tiny client talks to named
   regions only, so the fake answers by token. Prints the results as JSON. */
var TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
var tiny = function (token, extra) {
  var o = { token: token, http: http, timeoutMs: 1000 }, k;
  for (k in extra) o[k] = extra[k];
  return TAGOKIT.createClient(o);
};
var record = function (name) {
  return function (e, d, r) {
    out[name] = { error: e || null, data: d === undefined ? null : d, status: r ? r.status : null, at: now };
  };
};
var thrown = function (name, f) {
  try {
    f();
    out[name] = null;
  } catch (e) {
    out[name] = e;
  }
};
tiny(TOKEN).sendData({ body: [{ variable: 'temperature', value: 21.5, unit: '\u00b0C' }] }, record('sendData'));
tiny(TOKEN, { plainHttp: true }).sendData({ body: { variable: 'x', value: 1 } }, record('plainHttp'));
tiny(TOKEN, { region: 'eu-w1' }).getTokenInfo(record('getTokenInfo'));
tiny(TOKEN).getData({ variables: 'temperature', qty: 1 }, record('getData'));
tiny(TOKEN).listConfigParams({ sent_status: false }, record('listConfigParams'));
tiny(TOKEN).markConfigParamRead({ paramID: 'p1', body: { sent: true } }, record('markConfigParamRead'));
tiny(T('denied-4xx')).getTokenInfo(record('shortMessage'));
tiny(T('warning-200')).getTokenInfo(record('warning'));
tiny(T('message-429')).sendData({ body: { variable: 'x', value: 1 } }, record('retryAfterMessage'));
tiny('busy').getTokenInfo(record('retryAfterHeader'));
tiny(T('gateway-5xx')).sendData({ body: { variable: 'x', value: 1 } }, record('post5xx'));
tiny(T('silent')).sendData({ body: { variable: 'x', value: 1 } }, record('timeout'));
tiny(TOKEN).sendData({ body: [{ variable: 'x', value: 1 }, { variable: 't', value: NaN }] }, record('nan'));
tiny(TOKEN).sendData({ body: { variable: 't', value: 1, time: new Date(NaN) } }, record('nanDate'));
tiny(TOKEN).markConfigParamRead({ paramID: '../x', body: { sent: true } }, record('dotPath'));
tiny(TOKEN).markConfigParamRead({ body: { sent: true } }, record('missingPath'));
tiny(TOKEN).getData({ variables: 'caf\u00e9' }, record('nonAsciiQuery'));
thrown('namedOnly', function () {
  tiny(TOKEN, { region: 'us-w9' });
});
tiny(T('big-200')).getData(record('tooLarge'));
tiny(T('cut-200')).getData(record('cutShort'));
tiny(TOKEN, { region: 'usa-1', plainHttp: true }).getTokenInfo(record('alias'));
runTimers();
out.openSockets = 0;
for (var si = 0; si < silent.length; si++) if (silent[si].clsNow !== true) out.openSockets++;
out.silentRequests = silent.length;
out.log = log;
print(JSON.stringify(out));
