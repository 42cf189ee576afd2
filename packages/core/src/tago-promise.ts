import type { TagoResponse } from './call-types.ts';
import type { ServerSentEvent } from './events.ts';

/**
 * The answer of a generated method: await it for the result, or call `withResponse()` for the result with its
 * warning, status, headers and attempt count. The request starts on first use.
 */
export class TagoPromise<T> implements PromiseLike<T> {
  #pending: Promise<TagoResponse<T>> | undefined;
  readonly #start: () => Promise<TagoResponse<T>>;

  constructor(start: () => Promise<TagoResponse<T>>) {
    this.#start = start;
  }

  /** The full answer: result, warning, HTTP status, headers and attempts. */
  withResponse(): Promise<TagoResponse<T>> {
    this.#pending ??= this.#start();
    return this.#pending;
  }

  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose: `await` sends the call, which starts lazily.
  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    // One promise layer, not two (`.then(dataOf).then(...)`): a call's answer reaches `await` one tick sooner.
    // A non-function handler passes the value through, as Promise#then does.
    const fulfilled =
      typeof onfulfilled === 'function' ? (answer: TagoResponse<T>) => onfulfilled(answer.data) : dataOf;
    return this.withResponse().then(fulfilled as (answer: TagoResponse<T>) => A | PromiseLike<A>, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}

/** The result of a full answer. */
function dataOf<T>(answer: TagoResponse<T>): T {
  return answer.data;
}

/** A list answer that can also be walked to the end with `for await`, page after page. */
export class TagoPagePromise<T, Item> extends TagoPromise<T> implements AsyncIterable<Item> {
  readonly #pages: () => AsyncIterator<Item>;
  constructor(first: () => Promise<TagoResponse<T>>, pages: () => AsyncIterator<Item>) {
    super(first);
    this.#pages = pages;
  }
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.#pages();
  }
}

/**
 * An event stream (the realtime host). Iterated with `for await`, it yields each event as it arrives, live;
 * awaited, it reads the stream to its end and gives the raw text (for streams the server closes).
 */
export class TagoEventStream extends TagoPromise<string> implements AsyncIterable<ServerSentEvent> {
  readonly #open: () => AsyncIterator<ServerSentEvent>;
  constructor(whole: () => Promise<TagoResponse<string>>, open: () => AsyncIterator<ServerSentEvent>) {
    super(whole);
    this.#open = open;
  }
  [Symbol.asyncIterator](): AsyncIterator<ServerSentEvent> {
    return this.#open();
  }
}
