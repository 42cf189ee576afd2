import { TagoResponseParseError } from './errors.ts';

/** One server-sent event (the WHATWG event-stream format TagoIO's realtime host speaks). */
export interface ServerSentEvent {
  /** `message` unless the stream named another type. */
  event: string;
  /** The event's data lines, joined with `\n` (TagoIO sends JSON such as `{"payload": ...}`). */
  data: string;
  id: string | undefined;
  /** Reconnection delay the server asked for, in ms. */
  retry: number | undefined;
}

/** Byte caps of the parser: a line, and the data of one event (its data lines joined). */
export interface EventParserLimits {
  maxLineBytes: number;
  maxEventBytes: number;
}

/** 1 MiB a line, 4 MiB an event: far above TagoIO's payloads, far below what would exhaust a worker's memory. */
export const DEFAULT_EVENT_PARSER_LIMITS: Readonly<EventParserLimits> = {
  maxLineBytes: 1024 * 1024,
  maxEventBytes: 4 * 1024 * 1024,
};

/**
 * Parses an event stream incrementally: feed it text as it arrives; it returns the events each chunk completes.
 * Lines may end in CRLF, LF or CR and may be split anywhere between chunks. Each character is looked at once
 * (an unfinished line is kept as pieces, never rescanned), so the work is linear in the input; a line or an
 * event over its byte cap is a TagoResponseParseError (`stream_line_too_large`, `stream_event_too_large`).
 */
export class EventStreamParser {
  readonly #limits: EventParserLimits;
  /** Pieces of the line not yet ended, and their size in UTF-8 bytes. */
  #pieces: string[] = [];
  #lineBytes = 0;
  #data: string[] = [];
  #eventBytes = 0;
  #event = '';
  #id: string | undefined;
  #retry: number | undefined;
  #lastWasCR = false;

  constructor(limits: Partial<EventParserLimits> = {}) {
    this.#limits = { ...DEFAULT_EVENT_PARSER_LIMITS, ...limits };
  }

  push(chunk: string): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    let start = 0;
    // A CRLF split between two chunks: the LF belongs to the CR already handled.
    if (this.#lastWasCR && chunk.charCodeAt(0) === 10) start = 1;
    this.#lastWasCR = false;
    for (let i = start; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.#keep(chunk, start, i);
      const line = this.#pieces.length === 1 ? (this.#pieces[0] as string) : this.#pieces.join('');
      this.#pieces = [];
      this.#lineBytes = 0;
      this.#line(line, out);
      if (c === 13) {
        if (i + 1 === chunk.length) this.#lastWasCR = true;
        else if (chunk.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    if (start < chunk.length) this.#keep(chunk, start, chunk.length);
    return out;
  }

  /**
   * Ends the stream: an event without its closing blank line is dropped, as the format requires. Returns whether
   * one was (the stream was cut in the middle of an event).
   */
  end(): boolean {
    const partial = this.#data.length > 0 || this.#pieces.length > 0;
    this.#pieces = [];
    this.#lineBytes = 0;
    this.#resetEvent();
    return partial;
  }

  /** Keeps chunk[from, to) as part of the current line, within the line cap. */
  #keep(chunk: string, from: number, to: number): void {
    if (from === to) return;
    this.#lineBytes += utf8Length(chunk, from, to);
    if (this.#lineBytes > this.#limits.maxLineBytes) {
      throw new TagoResponseParseError(
        `An event-stream line is longer than ${this.#limits.maxLineBytes} bytes (eventStream.maxLineBytes)`,
        'stream_line_too_large',
        200,
        '',
      );
    }
    this.#pieces.push(from === 0 && to === chunk.length ? chunk : chunk.slice(from, to));
  }

  #resetEvent(): void {
    this.#data = [];
    this.#eventBytes = 0;
    this.#event = '';
  }

  #line(line: string, out: ServerSentEvent[]): void {
    if (line === '') {
      if (this.#data.length > 0)
        out.push({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.#id, retry: this.#retry });
      this.#resetEvent();
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' starts a comment
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') {
      // The line cap already bounds one value; the event cap bounds how many lines one event may gather.
      this.#eventBytes += utf8Length(value, 0, value.length) + 1;
      if (this.#eventBytes > this.#limits.maxEventBytes) {
        throw new TagoResponseParseError(
          `An event's data is larger than ${this.#limits.maxEventBytes} bytes (eventStream.maxEventBytes)`,
          'stream_event_too_large',
          200,
          '',
        );
      }
      this.#data.push(value);
    } else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.#retry = Number(value);
  }
}

/** Size in UTF-8 of text[from, to): 1 byte below U+0080, 2 below U+0800, 4 a surrogate pair, else 3. */
function utf8Length(text: string, from: number, to: number): number {
  let bytes = to - from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    // Each half of a surrogate pair adds 1 (2 + 2 = 4 bytes); other characters up to 2 more.
    bytes += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
  }
  return bytes;
}
