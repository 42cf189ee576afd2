// Data processing, the kind of TagoIO's "convert a unit" snippets: every `temperature_f` record of the scope is
// stored again, converted, as `temperature` in °C on the device that sent it, in the same group.
import { runAnalysis, type DataRecordScope } from '@tagokit/analysis';

await runAnalysis(async (context, scope) => {
  const records = (scope as DataRecordScope[]).filter((r) => r.variable === 'temperature_f');
  if (records.length === 0) throw new Error('the scope holds no temperature_f record');
  for (const record of records) {
    if (typeof record.value !== 'number' || !record.device)
      throw new Error('a temperature_f record needs a number and a device');
    const celsius = Math.round(((record.value - 32) * 5 * 10) / 9) / 10;
    await context.client.devices.sendData({
      deviceID: record.device,
      body: { variable: 'temperature', value: celsius, unit: '°C', ...(record.group ? { group: record.group } : {}) },
    });
    context.log(`${record.value} °F -> ${celsius} °C`);
  }
});
