// Node, CommonJS (the packages' dist/cjs builds): a write through @tagokit/helpers' batching, a read back through
// its paging stream, one typed error (an unknown token), and @tagokit/analysis' environment helpers.
const { AnalysisSetupError, environmentMap, parseEnvironment } = require('@tagokit/analysis');
const { readData, sendDataBatched } = require('@tagokit/helpers');
const { AuthenticationError, createClient } = require('@tagokit/node');

/** Runs `action`; returns what it threw (or undefined). */
function thrownBy(action) {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function main() {
  // TAGOIO_API points the clients at another API (the emulator: http://127.0.0.1:PORT); without it, us-e1.
  const region = process.env.TAGOIO_API ? 'env' : 'us-e1';
  const insecure = Boolean(process.env.TAGOIO_API?.startsWith('http://'));
  const client = (token) => createClient({ token, tokenKind: 'device', region, allowInsecureHttp: insecure });
  const device = client(process.env.TAGOIO_DEVICE_TOKEN);
  const batch = await sendDataBatched(device, [
    { variable: 'humidity', value: 40, unit: '%' },
    { variable: 'pressure', value: 1013 },
  ]);
  const read = [];
  for await (const record of readData(device, { variables: ['humidity'], pageSize: 10 })) read.push(record);
  const denied = await client('not-a-known-token')
    .deviceData.getData({ variables: ['humidity'] })
    .then(
      () => undefined,
      (error) => error,
    );
  await device.close();
  const bad = thrownBy(() => parseEnvironment('{not json'));
  const site = environmentMap(parseEnvironment('{"site":"north"}')).site;
  const last = read[0];
  console.log(
    JSON.stringify({
      read: { variable: last.variable, value: last.value, unit: last.unit },
      error: { typed: denied instanceof AuthenticationError, name: denied.name, status: denied.status },
      helpers: { storedRecords: batch.storedRecords },
      analysis: { site, error: { typed: bad instanceof AnalysisSetupError, message: bad.message } },
    }),
  );
}
main();
