// A Node CommonJS consumer of the installed tarballs (their dist/cjs builds): same steps as node-esm.mjs.
const { AnalysisSetupError, parseEnvironment } = require('@tagokit/analysis');
const { sendDataBatched } = require('@tagokit/helpers');
const { AuthenticationError, createClient } = require('@tagokit/node');

async function main() {
  const region = { api: process.env.TAGO_API_URL };
  const options = { tokenKind: 'device', region, allowInsecureHttp: true };
  const device = createClient({ ...options, token: process.env.TAGO_DEVICE_TOKEN });
  await device.deviceData.sendData({ body: [{ variable: 'humidity', value: 40, unit: '%' }] });
  const [last] = await device.deviceData.getData({ variables: ['humidity'], query: 'last_value' });
  const intruder = createClient({ ...options, token: 'not-a-known-token' });
  const error = await intruder.deviceData.getData({ variables: ['humidity'] }).catch((e) => e);
  const batch = await sendDataBatched(device, [{ variable: 'pressure', value: 1013 }], { maxRecords: 1 });
  const environment = parseEnvironment('[{"key":"site","value":"north"}]');
  let setupError;
  try {
    parseEnvironment('{not json');
  } catch (e) {
    setupError = e;
  }
  await device.close();
  await intruder.close();
  console.log(
    JSON.stringify({
      read: { variable: last.variable, value: last.value, unit: last.unit },
      error: { typed: error instanceof AuthenticationError, name: error.name, status: error.status },
      helpers: { storedRecords: batch.storedRecords },
      analysis: {
        environment,
        error: { typed: setupError instanceof AnalysisSetupError, message: setupError.message },
      },
    }),
  );
}
main();
