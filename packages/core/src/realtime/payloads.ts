import type { ChannelInput, ChannelName } from './channels.ts';

/** One `{key, value}` environment variable, as TagoIO stores an analysis's variables. */
export interface EnvironmentVariable {
  key: string;
  value: string;
}

/** What an `analysis_trigger` event carries: the run's environment, scope, analysis id and token (JS SDK). */
export interface AnalysisTriggerPayload {
  environment: EnvironmentVariable[];
  data: unknown[];
  analysis_id: string;
  token: string;
}

/** One line of an analysis's console (CLI `analysis-console`). */
export interface AnalysisConsolePayload {
  timestamp: string | number;
  message: string;
}

/** One live-inspector entry of a device (CLI `device-live-inspector`); the server may also send an array of them. */
export interface DeviceInspectorEntry {
  connection_id: string;
  content: unknown;
  device_id: string;
  timestamp: string | number;
  title: string;
}

/** Payloads by channel; `unknown` where no source documents the shape. */
export interface RealtimePayloads {
  analysis_trigger: AnalysisTriggerPayload;
  analysis_console: AnalysisConsolePayload;
  device_inspector: DeviceInspectorEntry | DeviceInspectorEntry[];
  device_data: unknown;
  entity_data: unknown;
  ui_dashboard: unknown;
  notification: unknown;
  ui: unknown;
}

/** The channel name of a channel input. */
export type NameOf<C extends ChannelInput> = C extends { channel: infer N } ? N : C;

/** The payload type of a list of channels: the union of each channel's. */
export type PayloadOf<C extends ChannelInput> = RealtimePayloads[NameOf<C> & ChannelName];

/** One event of a subscription, its `data` parsed. */
export interface RealtimeMessage<P = unknown> {
  /** `message` unless the server named the event. */
  event: string;
  /** The event's id, when the server sends ids (resent as `Last-Event-ID` on reconnect). */
  id: string | undefined;
  /** The channel, when the data says (`channel` key); TagoIO's documented events do not. */
  channel: string | undefined;
  /** `data.payload` of the JSON data; undefined when the data is not JSON or has no `payload`. */
  payload: P | undefined;
  /** The data as received. */
  data: string;
}

/** Parses an event's data: JSON whose `payload` key holds the content (TagoIO's convention). */
export function parseRealtimeData<P>(event: {
  event: string;
  id: string | undefined;
  data: string;
}): RealtimeMessage<P> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch {
    parsed = undefined;
  }
  const record =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  const channel = record && typeof record['channel'] === 'string' ? record['channel'] : undefined;
  const payload = record && Object.hasOwn(record, 'payload') ? (record['payload'] as P) : undefined;
  return { event: event.event, id: event.id, channel, payload, data: event.data };
}
