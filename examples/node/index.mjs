// Node, ES modules: send a record, read it back, one typed error (an unknown token), then @tagokit/helpers (a
// batched write through the same client) and @tagokit/analysis (its environment parser and typed setup error).
import { AnalysisSetupError, parseEnvironment } from '@tagokit/analysis';
import { sendDataBatched } from '@tagokit/helpers';
import { AuthenticationError, createClient } from '@tagokit/node';

// TAGOIO_API points the client at another API (the emulator: http://127.0.0.1:PORT); without it, us-e1.
const api = process.env.TAGOIO_API;
const options = { tokenKind: 'device', region: api ? 'env' : 'us-e1', allowInsecureHttp: api?.startsWith('http://') };
const device = createClient({ ...options, token: process.env.TAGOIO_DEVICE_TOKEN });
await device.deviceData.sendData({ body: [{ variable: 'temperature', value: 21.5, unit: 'C' }] });
const [last] = await device.deviceData.getData({ variables: ['temperature'], query: 'last_value' });
const intruder = createClient({ ...options, token: 'not-a-known-token' });
const error = await intruder.deviceData.getData({ variables: ['temperature'] }).catch((e) => e);
const batch = await sendDataBatched(device, [{ variable: 'pressure', value: 1013 }], { maxRecords: 1 });
const environment = parseEnvironment('[{"key":"site","value":"north"}]');
const setupError = (() => {
  try {
    parseEnvironment('{not json');
  } catch (e) {
    return e;
  }
})();
await device.close();
await intruder.close();
// What came back, as one JSON line (the ecosystem suite compares it).
const { variable, value, unit } = last;
const report = { read: { variable, value, unit } };
report.error = { typed: error instanceof AuthenticationError, name: error.name, status: error.status };
report.helpers = { storedRecords: batch.storedRecords };
report.analysis = {
  environment,
  error: { typed: setupError instanceof AnalysisSetupError, message: setupError.message },
};
console.log(JSON.stringify(report));
