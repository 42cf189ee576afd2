// Calls to hosts other than the regional API: a network's middleware (downlinks) and TagoIO's PDF service. Each
// host gets only the credential that belongs to it, named here once:
// - the middleware `https://<network.middleware_endpoint>/downlink` gets the device's own LoRaWAN/Sigfox
//   authorization (from the device-token record), never a TagoIO token;
// - the PDF service gets the analysis token the caller passes explicitly, never the client's token implicitly.
// Redirects are refused (the core's transports do not follow them), so a credential cannot be forwarded.
import {
  fetchTransport,
  TagoAbortError,
  TagoError,
  TagoRedirectError,
  TagoResponseParseError,
  TagoTimeoutError,
  TagoValidationError,
  type Transport,
  type WireResponse,
} from '@tagokit/core';
import { apiErrorFor, DEFAULT_MAX_RESPONSE_BYTES, type OperationContext } from '@tagokit/core/internal';
import { getDevice, getNetwork, listDeviceParams, listDeviceTokens, setDeviceParams } from '@tagokit/api/functions';

/** How off-API requests travel and how long they may take. */
export interface OffApiOptions {
  /** The transport (the core's `fetchTransport()` by default; in Node pass the client's undici transport). */
  transport?: Transport;
  /** Per request, ms; 30 s by default. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Checks an off-API base URL: https only (plain http only to a loopback address, for local tests), no user info,
 * no query or fragment; answers the URL without a trailing slash.
 */
export function checkOffApiUrl(input: string, field: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TagoValidationError(`${field} is not a URL: ${JSON.stringify(input)}`, 'invalid_host', field);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TagoValidationError(
      `${field} must use https (plain http only to a loopback address): ${url.origin}`,
      'invalid_host',
      field,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TagoValidationError(`${field} must not carry user info, a query or a fragment`, 'invalid_host', field);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * POSTs JSON to an off-API URL and answers the parsed JSON (or the text, with `textAnswer`, for hosts that answer
 * plain text); a redirect is refused and other non-2xx answers become the core's typed errors.
 */
async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  options: OffApiOptions,
  textAnswer = false,
): Promise<unknown> {
  const transport = options.transport ?? fetchTransport();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const where = { method: 'POST', path: new URL(url).pathname };
  let answer: WireResponse;
  try {
    answer = await transport({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    });
  } catch (error) {
    if (options.signal?.aborted) throw new TagoAbortError({ ...where, sent: true });
    if (timeout.aborted) throw new TagoTimeoutError(timeoutMs, where);
    throw error;
  }
  if (answer.status >= 300 && answer.status < 400) {
    const location = answer.headers.location;
    let origin: string | undefined;
    try {
      origin = location ? new URL(location, url).origin : undefined;
    } catch {
      origin = undefined;
    }
    throw new TagoRedirectError(answer.status, origin, where);
  }
  let parsed: unknown = answer.body;
  try {
    parsed = answer.body === '' ? undefined : JSON.parse(answer.body);
  } catch {
    if (answer.status >= 200 && answer.status < 300 && !textAnswer) {
      throw new TagoResponseParseError(
        `${url} answered ${answer.status} with a body that is not JSON`,
        'invalid_json',
        answer.status,
        answer.body.slice(0, 200),
        where,
      );
    }
  }
  if (answer.status < 200 || answer.status >= 300) {
    const message =
      typeof parsed === 'object' && parsed && typeof (parsed as { message?: unknown }).message === 'string'
        ? (parsed as { message: string }).message
        : `HTTP ${answer.status}`;
    throw apiErrorFor({ ...where, status: answer.status, message, body: parsed, headers: answer.headers });
  }
  return parsed;
}

export interface DownlinkInput {
  /** The bytes to send, as the network expects them (hex for LoRaWAN). */
  payload: string;
  /** LoRaWAN FPort, 1-223. */
  port: number;
  /** Ask the network for a confirmed downlink. */
  confirmed?: boolean;
}

export interface DownlinkOptions extends OffApiOptions {
  /**
   * The middleware base URL to use instead of the network's `middleware_endpoint` (e.g. a local one in tests).
   * The network's own value is used otherwise, checked like this one.
   */
  middlewareUrl?: string;
}

export interface DownlinkResult {
  /** Where the downlink went. */
  readonly url: string;
  /** The device's serial number the middleware was given. */
  readonly device: string;
  /** What the middleware answered. */
  readonly answer: unknown;
}

/**
 * Sends a downlink to a LoRaWAN/Sigfox device through its network's middleware, as TagoIO's console does: finds a
 * device token that has seen an uplink (serial and authorization), the device's network and its middleware
 * endpoint, records `downlink` and `port` as unsent configuration parameters (updating existing ones), then posts
 * `{device, authorization, payload, port, confirmed}` to `<middleware>/downlink`. Needs a profile or analysis
 * token with device, token, parameter and network access.
 */
export async function sendDownlink(
  client: OperationContext,
  deviceId: string,
  input: DownlinkInput,
  options: DownlinkOptions = {},
): Promise<DownlinkResult> {
  if (typeof deviceId !== 'string' || deviceId === '') {
    throw new TagoValidationError('deviceId must be a non-empty string', 'invalid_argument', 'deviceId');
  }
  if (!input || typeof input.payload !== 'string' || input.payload === '') {
    throw new TagoValidationError('payload must be a non-empty string', 'invalid_argument', 'payload');
  }
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 223) {
    throw new TagoValidationError(
      `port must be an integer from 1 to 223, got ${String(input.port)}`,
      'invalid_argument',
      'port',
    );
  }
  const override =
    options.middlewareUrl === undefined ? undefined : checkOffApiUrl(options.middlewareUrl, 'middlewareUrl');
  const tokens = (await listDeviceTokens(client, {
    deviceIDOrToken: deviceId,
    page: 1,
    amount: 10,
    fields: ['name', 'serie_number', 'last_authorization'],
  })) as { serie_number?: string | null; last_authorization?: string | null }[];
  const seen = tokens.find((t) => t.serie_number && t.last_authorization);
  if (!seen) {
    throw new TagoError(
      `device ${deviceId} has no token with a serial number and an authorization yet: wait for ` +
        'at least one uplink',
      'downlink_no_uplink',
    );
  }
  const device = (await getDevice(client, { deviceID: deviceId })) as { network?: string | null };
  if (!device.network) throw new TagoError(`device ${deviceId} has no network`, 'downlink_not_supported');
  const network = (await getNetwork(client, {
    networkID: device.network,
    fields: ['id', 'middleware_endpoint', 'name'],
  })) as { middleware_endpoint?: string | null; name?: string };
  const endpoint = network.middleware_endpoint;
  if (!override && !endpoint) {
    throw new TagoError(
      `network ${network.name ?? device.network} does not support downlinks (no middleware endpoint)`,
      'downlink_not_supported',
    );
  }
  const base =
    override ??
    checkOffApiUrl(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint!) ? endpoint! : `https://${endpoint}`,
      'middleware_endpoint',
    );

  const params = (await listDeviceParams(client, { deviceID: deviceId })) as { id: string; key: string }[];
  const idOf = (key: string) => params.find((p) => p.key === key)?.id;
  const wanted = [
    { key: 'downlink', value: input.payload, sent: false },
    { key: 'port', value: String(input.port), sent: false },
  ].map((p) => (idOf(p.key) ? { id: idOf(p.key)!, ...p } : p));
  await setDeviceParams(client, { deviceID: deviceId, body: wanted });

  const url = `${base}/downlink`;
  const answer = await postJson(
    url,
    {},
    {
      device: seen.serie_number,
      authorization: seen.last_authorization,
      payload: input.payload,
      port: input.port,
      confirmed: input.confirmed ?? false,
    },
    options,
    true,
  );
  if (typeof answer === 'string' && answer.includes('Authorization is missing')) {
    throw new TagoError(
      'the middleware refused the device authorization: it lacks its additional parameter',
      'downlink_authorization_incomplete',
      { mayHaveBeenProcessed: false },
    );
  }
  return { url, device: seen.serie_number!, answer };
}

/** The PDF service's page options, as it documents them. */
export interface PdfPageOptions {
  format?: 'Letter' | 'Legal' | 'Tabloid' | 'Ledger' | 'A0' | 'A1' | 'A2' | 'A3' | 'A4' | 'A5' | 'A6';
  printBackground?: boolean;
  displayHeaderFooter?: boolean;
  headerTemplate?: string;
  footerTemplate?: string;
  /** 0.1 to 2. */
  scale?: number;
  landscape?: boolean;
  pageRanges?: string;
  margin?: { top?: string; right?: string; bottom?: string; left?: string };
  width?: string;
  height?: string;
  preferCSSPageSize?: boolean;
}

/** What to render: exactly one of `html`, `base64` (HTML in base64) or `url`. */
export type PdfSource = { html: string } | { base64: string } | { url: string };

export interface PdfOptions extends OffApiOptions {
  /** The analysis token the service accepts (e.g. the analysis context's token). Required: never implied. */
  token: string;
  /** The service's base URL; `https://pdf.middleware.tago.io` by default. */
  url?: string;
}

export interface PdfResult {
  /** The PDF file. */
  readonly bytes: Uint8Array;
  /** The same, base64, as e-mail attachments take it. */
  readonly base64: string;
}

const PDF_HTML_LIMIT = 256 * 1024;

/**
 * Renders a PDF with TagoIO's PDF service. The token goes in `authorization` (the form TagoIO's help article
 * documents) and in `token` (the form the official SDK sends), until one is confirmed.
 */
export async function generatePdf(
  source: PdfSource & { fileName?: string; options?: PdfPageOptions },
  options: PdfOptions,
): Promise<PdfResult> {
  if (!options || typeof options.token !== 'string' || options.token === '') {
    throw new TagoValidationError(
      'token (an analysis token) is required for the PDF service',
      'token_missing',
      'token',
    );
  }
  const given = (['html', 'base64', 'url'] as const).filter(
    (k) => typeof (source as Record<string, unknown>)[k] === 'string',
  );
  if (given.length !== 1) {
    throw new TagoValidationError('give exactly one of html, base64 or url', 'invalid_argument', 'source');
  }
  if ('html' in source && new TextEncoder().encode(source.html).length > PDF_HTML_LIMIT) {
    throw new TagoValidationError('html is larger than the PDF service accepts (256 KB)', 'invalid_argument', 'html');
  }
  const scale = source.options?.scale;
  if (scale !== undefined && !(scale >= 0.1 && scale <= 2)) {
    throw new TagoValidationError(
      `options.scale must be from 0.1 to 2, got ${scale}`,
      'invalid_argument',
      'options.scale',
    );
  }
  const base = checkOffApiUrl(options.url ?? 'https://pdf.middleware.tago.io', 'url');
  const answer = (await postJson(base, { authorization: options.token, token: options.token }, source, options)) as
    | { status?: unknown; result?: unknown; message?: unknown }
    | undefined;
  if (!answer || answer.status === false || typeof answer.result !== 'string') {
    const why = typeof answer?.message === 'string' ? answer.message : 'no base64 result';
    throw new TagoError(`the PDF service did not return a file: ${why}`, 'pdf_failed', { mayHaveBeenProcessed: true });
  }
  return { bytes: fromBase64(answer.result), base64: answer.result };
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
