// An alert, the kind of TagoIO's "send a notification when a value crosses a limit" snippets: a temperature over
// the `limit` environment variable becomes a notification in the profile's inbox and an `alert` record on the
// device, so a dashboard can show it.
import { runAnalysis, type DataRecordScope } from '@tagokit/analysis';

await runAnalysis(async (context, scope) => {
  const limit = Number(context.env['limit']);
  if (!Number.isFinite(limit)) throw new Error('the environment variable "limit" must be a number');
  const over = (scope as DataRecordScope[]).filter(
    (r) => r.variable === 'temperature' && typeof r.value === 'number' && r.value > limit,
  );
  for (const record of over) {
    const message = `Temperature ${record.value} is over the limit of ${limit}`;
    await context.client.notifications.create({ body: { title: 'Temperature alert', message } });
    if (record.device) {
      await context.client.devices.sendData({ deviceID: record.device, body: { variable: 'alert', value: message } });
    }
    context.log(`alert: ${message}`);
  }
  if (over.length === 0) context.log(`no temperature over ${limit}`);
});
