#!/usr/bin/env node
// The `npm start` demo: starts the local TagoIO emulator, creates a device with a profile token, sends a few
// records with the device's own token through the generated Node client, reads them back and prints them.
import { createClient } from '@tagokit/node';
import { DEFAULT_TOKENS, startEmulator } from '@tagokit/emulator';

const emulator = await startEmulator({ port: 0, devices: [] });
console.log(`[tagokit] emulator listening on ${emulator.url}`);
const local = { region: { api: emulator.url }, allowInsecureHttp: true };
try {
  const profile = createClient({ token: DEFAULT_TOKENS.profile, tokenKind: 'profile', ...local });
  const created = await profile.devices.create({
    body: {
      name: 'Greenhouse sensor',
      network: '5bbd120d4051a50034cd1a05',
      connector: '5f5a8f3351d4db99c40ded2d',
      type: 'mutable',
    },
  });
  console.log(`[tagokit] created device ${created.device_id}`);

  const device = createClient({ token: created.token, tokenKind: 'device', ...local });
  const sent = await device.deviceData.sendData({
    body: [
      { variable: 'temperature', value: 21.5, unit: 'C' },
      { variable: 'humidity', value: 48, unit: '%' },
      { variable: 'door', value: 'closed' },
    ],
  });
  console.log(`[tagokit] POST /data -> ${JSON.stringify(sent)}`);

  const records = await device.deviceData.getData({ qty: 10, ordination: 'ascending' });
  for (const r of Array.isArray(records) ? records : [])
    console.log(`[tagokit]   ${r.variable.padEnd(12)} ${String(r.value).padStart(6)} ${r.unit ?? ''}`);

  const who = await device.info.getTokenInfo();
  console.log(`[tagokit] GET /info as the device -> ${who.name}`);
  await Promise.all([profile.close(), device.close()]);
} finally {
  await emulator.stop();
}
