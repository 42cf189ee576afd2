// A scheduled report, the kind of TagoIO's "run every day and summarise" snippets: for each device tagged
// `type=sensor`, the last `temperature`; the summary is logged and stored as one `report` record on the device the
// `report_device` environment variable names.
import { runAnalysis } from '@tagokit/analysis';

await runAnalysis(async (context) => {
  const reportDevice = context.env['report_device'];
  if (!reportDevice) throw new Error('the environment variable "report_device" is missing');
  const devices = await context.client.devices.list({
    filter: { tags: [{ key: 'type', value: 'sensor' }] },
    fields: ['id', 'name'],
  });
  const lines: string[] = [];
  for (const device of devices) {
    const rows = await context.client.devices.getData({ deviceID: device.id, variables: ['temperature'], qty: 1 });
    // A plain read answers a list of records (a count answers a number, an aggregate
    // query rows without a unit).
    const last = Array.isArray(rows) ? rows[0] : undefined;
    const unit = last && 'unit' in last ? ` ${last.unit}` : '';
    lines.push(`${device.name}: ${last ? `${last.value}${unit}` : 'no data'}`);
  }
  for (const line of lines) context.log(line);
  await context.client.devices.sendData({
    deviceID: reportDevice,
    body: { variable: 'report', value: `${lines.length} sensor(s)`, metadata: { lines } },
  });
});
