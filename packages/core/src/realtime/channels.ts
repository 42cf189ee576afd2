import { TagoValidationError } from '../errors.ts';

/**
 * TagoIO's realtime channels. Resource channels name one resource and are written `<channel>.<id>` (the separator
 * was `::` before March 2024); the others stand alone (JS SDK `apiSSE.ts`).
 */
export const RESOURCE_CHANNELS = [
  'analysis_console',
  'device_inspector',
  'device_data',
  'entity_data',
  'ui_dashboard',
] as const;
export const GLOBAL_CHANNELS = ['analysis_trigger', 'notification', 'ui'] as const;

export type ResourceChannelName = (typeof RESOURCE_CHANNELS)[number];
export type GlobalChannelName = (typeof GLOBAL_CHANNELS)[number];
export type ChannelName = ResourceChannelName | GlobalChannelName;

/** One subscription: `{ channel: 'device_data', id }` for a resource channel, else `{ channel: 'ui' }`. */
export type RealtimeChannel =
  | { readonly channel: ResourceChannelName; readonly id: string }
  | { readonly channel: GlobalChannelName; readonly id?: undefined };

/** A channel object, or the bare name of a channel that takes no id. */
export type ChannelInput = RealtimeChannel | GlobalChannelName;

/** Ids are ObjectIds in practice; what could break the comma-separated list or the `.` separator is refused. */
const CHANNEL_ID = /^[A-Za-z0-9_-]{1,64}$/;

const isResource = (name: string): name is ResourceChannelName =>
  (RESOURCE_CHANNELS as readonly string[]).includes(name);
const isGlobal = (name: string): name is GlobalChannelName => (GLOBAL_CHANNELS as readonly string[]).includes(name);

/** Checks the channel list and writes each channel as TagoIO expects (`device_data.<id>`), in the given order. */
export function serializeChannels(input: readonly ChannelInput[]): string[] {
  if (!Array.isArray(input) || input.length === 0) {
    throw new TagoValidationError(
      'realtime.subscribe needs a non-empty list of channels',
      'channels_invalid',
      'channels',
    );
  }
  const out: string[] = [];
  input.forEach((item, i) => {
    const where = `channels[${i}]`;
    const given = typeof item === 'string' ? { channel: item } : item;
    if (given === null || typeof given !== 'object') {
      throw new TagoValidationError(`${where} must be a channel object or a channel name`, 'channels_invalid', where);
    }
    const name = (given as { channel?: unknown }).channel;
    const id = (given as { id?: unknown }).id;
    if (typeof name !== 'string' || (!isResource(name) && !isGlobal(name))) {
      const known = [...RESOURCE_CHANNELS, ...GLOBAL_CHANNELS].join(', ');
      throw new TagoValidationError(
        `${where}: unknown channel "${String(name).slice(0, 40)}" (known: ${known})`,
        'channels_invalid',
        where,
      );
    }
    if (isResource(name)) {
      if (typeof id !== 'string' || !CHANNEL_ID.test(id)) {
        throw new TagoValidationError(
          `${where}: channel "${name}" needs the id of its resource (letters, digits, _ or -)`,
          'channels_invalid',
          `${where}.id`,
        );
      }
      out.push(`${name}.${id}`);
    } else {
      if (id !== undefined)
        throw new TagoValidationError(`${where}: channel "${name}" takes no id`, 'channels_invalid', `${where}.id`);
      out.push(name);
    }
  });
  if (new Set(out).size !== out.length) {
    throw new TagoValidationError('realtime.subscribe: a channel is listed twice', 'channels_invalid', 'channels');
  }
  return out;
}
