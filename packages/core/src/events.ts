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

/**
 * Parses an event stream incrementally: feed it text as it arrives; it returns the events each chunk completes.
 * Lines may end in CRLF, LF or CR and may be split anywhere between chunks.
 */
export class EventStreamParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | undefined;
  #retry: number | undefined;
  #lastWasCR = false;

  push(chunk: string): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    let text = chunk;
    // A CRLF split between two chunks: the LF belongs to the CR already handled.
    if (this.#lastWasCR && text.startsWith('\n')) text = text.slice(1);
    this.#buffer += text;
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const c = this.#buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      this.#line(this.#buffer.slice(start, i), out);
      if (c === '\r' && this.#buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    this.#lastWasCR = this.#buffer.endsWith('\r');
    this.#buffer = this.#buffer.slice(start);
    return out;
  }

  /** Ends the stream: an event without its closing blank line is dropped, as the format requires. */
  end(): void {
    this.#buffer = '';
    this.#data = [];
    this.#event = '';
  }

  #line(line: string, out: ServerSentEvent[]): void {
    if (line === '') {
      if (this.#data.length > 0) out.push({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.#id, retry: this.#retry });
      this.#data = [];
      this.#event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.#retry = Number(value);
  }
}
