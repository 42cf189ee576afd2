// Ported from the kind of TagoIO's "data processing / alert" snippets: reads the scope's temperature records,
// compares them with the `limit` environment variable and logs an alert line per record over the limit.
import { runAnalysis } from '@tagokit/analysis';

await runAnalysis(async (context, scope) => {
  const limit = Number(context.env['limit'] ?? '30');
  const records = scope as { variable?: string; value?: unknown; device?: string }[];
  const temperatures = records.filter((r) => r.variable === 'temperature' && typeof r.value === 'number');
  if (temperatures.length === 0) throw new Error('the scope holds no temperature record');
  for (const record of temperatures) {
    if ((record.value as number) > limit)
      context.log(`ALERT ${record.device ?? 'unknown device'}: ${record.value} > ${limit}`);
  }
  context.log(`checked ${temperatures.length} record(s) against ${limit}`);
});
