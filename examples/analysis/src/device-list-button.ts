// A Device List custom button, the kind of TagoIO's "button in a device list" snippets: the "reboot" button
// queues a `reboot` configuration parameter (unsent) for the device of its row, which the device picks up on its
// next poll; the router dispatches on the button id and refuses any other trigger.
import { AnalysisRouter, runAnalysis } from '@tagokit/analysis';

const router = new AnalysisRouter().onDeviceListButton('reboot', async (context, scope) => {
  const row = scope[0];
  if (!row?.device) throw new Error('the button row names no device');
  await context.client.devices.setParams({
    deviceID: row.device,
    body: { key: 'reboot', value: 'requested', sent: false },
  });
  context.log(`reboot requested for ${row.device}`);
});

await runAnalysis(router.handler);
