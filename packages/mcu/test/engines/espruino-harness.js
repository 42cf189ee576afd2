/* The full build's scenarios over the fake http module of espruino-http.js, on Espruino's built-ins
   (espruino-builtins.js runs first, so the module meets Espruino's indexOf, split, Date, JSON.parse and
   encodeURIComponent). Prints the results as JSON. */
var client = function (token, host, extra) {
  var o = { token: token, region: { api: 'http://' + host + ':8080' }, allowInsecureHttp: true, transport: TAGOKIT.espruino(http), maxRetries: 0 }, k;
  for (k in extra) o[k] = extra[k];
  return TAGOKIT.createClient(o);
};
var record = function (name) {
  return function (e, d, r) {
    out[name] = { error: e || null, data: d === undefined ? null : d, status: r ? r.status : null, headers: r ? r.headers : null };
  };
};
var TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
client(TOKEN, 'mock.local').sendData({ body: { variable: 'temperature', value: 21.5, unit: '\u00b0C' } }, record('sendData'));
client(TOKEN, 'mock.local').getData({ variables: 'temperature', qty: 1 }, record('getData'));
client(TOKEN, 'mock.local').listConfigParams({ sent_status: false }, record('listConfigParams'));
client(TOKEN, 'mock.local').markConfigParamRead({ paramID: 'p1', body: { sent: true } }, record('markConfigParamRead'));
client(TOKEN, 'mock.local').getTokenInfo(record('getTokenInfo'));
client('bad', 'mock.local').getTokenInfo(record('unauthorized'));
client('busy', 'mock.local').sendData({ body: { variable: 'x', value: 1 } }, record('rateLimited'));
client(TOKEN, 'refused.example').sendData({ body: { variable: 'x', value: 1 } }, record('refused'));
client(TOKEN, 'reset.example').getData(record('reset'));
client(TOKEN, 'silent.example', { timeoutMs: 1000 }).getTokenInfo(record('timeout'));
client(TOKEN, 'refused.example', { maxRetries: 1 }).getTokenInfo(record('refusedRetried'));
client(TOKEN, 'mock.local').markConfigParamRead({ body: { sent: true } }, record('missingPath'));
client(TOKEN, 'dns.example').sendData({ body: { variable: 'x', value: 1 } }, record('dnsNotFound'));
client(TOKEN, 'tls.example').sendData({ body: { variable: 'x', value: 1 } }, record('tlsHandshake'));
client(TOKEN, 'noresp.example').sendData({ body: { variable: 'x', value: 1 } }, record('noResponse'));
client(TOKEN, 'cut.example').getTokenInfo(record('cutShort'));
client(TOKEN, 'nothing.example').getTokenInfo(record('noRequest'));
/* Quirk scenarios: retries of writes, short messages, refused bodies and queries. */
var warnings = [];
var onWarning = function (w) {
  warnings.push(w);
};
var retried = function () {
  return { maxRetries: 2, timeoutMs: 1000, onWarning: onWarning };
};
client(TOKEN, 'silent.example', retried()).sendData({ body: { variable: 'x', value: 1 } }, record('postTimeout'));
client(T('gateway-5xx'), 'mock.local', retried()).sendData({ body: { variable: 'x', value: 1 } }, record('post5xx'));
client(T('gateway-5xx'), 'mock.local', retried()).getData(record('get5xx'));
client(T('denied-4xx'), 'mock.local').getTokenInfo(record('shortMessage'));
client(T('message-429'), 'mock.local').sendData({ body: { variable: 'x', value: 1 } }, record('retryAfterMessage'));
client(T('warning-200'), 'mock.local', retried()).getTokenInfo(record('shortWarning'));
client(T('moved-302'), 'mock.local', retried()).sendData({ body: { variable: 'x', value: 1 } }, record('redirect'));
client(T('bom-bytes'), 'mock.local').getTokenInfo(record('bomBytes'));
client(T('deep-400'), 'mock.local').getTokenInfo(record('deepError'));
client(T('deep-200'), 'mock.local').getTokenInfo(record('deepOk'));
client(TOKEN, 'never.example').sendData({ body: [{ variable: 'x', value: 1 }, { variable: 't', value: NaN }] }, record('nan'));
client(TOKEN, 'never.example').sendData({ body: { variable: 't', value: -Infinity } }, record('infinity'));
client(TOKEN, 'never.example').sendData({ body: { variable: 't', value: 1, metadata: { v: [1, NaN] } } }, record('nanDeep'));
client(TOKEN, 'never.example').sendData({ body: [{ variable: 't', value: 1, time: 'junk' }] }, record('junkTime'));
client(TOKEN, 'never.example').sendData({ body: { variable: 't', value: 1, time: new Date(NaN) } }, record('nanDate'));
client(TOKEN, 'never.example').getData({ start_date: 'junk' }, record('junkStart'));
client(TOKEN, 'never.example').getData({ end_date: '2024-13-01' }, record('badMonthEnd'));
client(TOKEN, 'mock.local').sendData({ body: [
  { variable: 't', value: 1, time: '2024-01-31T10:00:00.000Z' },
  { variable: 't', value: 2, time: '2024-01-31 10:00:00' },
  { variable: 't', value: 3, time: '2024-01-31' },
  { variable: 't', value: 4, time: '2024-01-31T10:00:00-03:00' },
  { variable: 't', value: 5, time: 1706695200000 }
] }, record('goodTimes'));
client(TOKEN, 'mock.local').getData({ start_date: '1 day', end_date: '2024-01-31T10:00:00Z' }, record('goodRange'));
/* Non-ASCII as code points on both sides: the body's JSON escapes it, the query sends its UTF-8 bytes. */
client(TOKEN, 'mock.local').getData({ variables: 'caf\u00e9\u20ac' }, record('nonAsciiQuery'));
client(TOKEN, 'mock.local').sendData({ body: { variable: 'caf\u00e9' } }, record('nonAsciiBody'));
runTimers();
/* The models' self-check, or on a real Espruino (ESPRUINO_BIN) the same probes of its own built-ins. */
out.quirks = typeof ESPRUINO_QUIRKS != 'undefined' ? ESPRUINO_QUIRKS : {
  indexOf: 'abcdefgh'.indexOf('hi'), nativeIndexOf: -1, split: 'ab'.split('abcd').length,
  junkDate: new Date('junk').getTime(), utc: typeof Date.UTC, badJson: typeof JSON.parse('-x'),
  signedEncode: encodeURIComponent('a\xe9 ')
};
out.openSockets = 0;
for (var si = 0; si < silent.length; si++) if (silent[si].clsNow !== true) out.openSockets++;
out.silentRequests = silent.length;
out.warnings = warnings;
out.log = log;
print(JSON.stringify(out));
