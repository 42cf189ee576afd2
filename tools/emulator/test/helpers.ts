import { resolveRef } from '@tagokit/spec-model';
import { DEFAULT_DEVICE, DEFAULT_TOKENS, loadSpec, type TokenKind } from '../src/index.mjs';

export const spec = loadSpec();

export interface SpecOp {
  id: string;
  method: string;
  template: string;
  kinds: TokenKind[];
  params: { name: string; in: string; required?: boolean; example?: unknown; schema?: Record<string, unknown> }[];
  body?: { required: boolean; json?: unknown; types: string[] };
  envelope: boolean;
  successStatus: number;
  mediaType?: string;
}

export const operations: SpecOp[] = spec.operations;

export const PARAM_ID = '62ab8294c1ac39001361e11b';
export const EXTRA_DEVICE_TOKEN = '11111111-2222-4333-8444-555555555555';

/** A device with a parameter and a second token, so every stateful route has something to act on. */
export const seedDevices = () => [
  { ...DEFAULT_DEVICE, token: [DEFAULT_DEVICE.token, EXTRA_DEVICE_TOKEN], serie_number: 'SN-0001', params: [{ id: PARAM_ID, key: 'param1', value: 'value1' }] },
];

export function tokenFor(kind: TokenKind): string {
  return kind === 'device' ? DEFAULT_DEVICE.token : DEFAULT_TOKENS[kind];
}

function deref(node: any): any {
  return resolveRef(spec.bundle, node);
}

function sampleFor(p: SpecOp['params'][number], method: string): string {
  if (p.name === 'deviceID') return DEFAULT_DEVICE.id;
  if (p.name === 'paramID') return PARAM_ID;
  if (p.name === 'serial') return 'SN-0001';
  if ((p.name === 'token' || p.name === 'deviceIDOrToken') && p.in === 'path') return p.name === 'token' || method === 'DELETE' ? EXTRA_DEVICE_TOKEN : DEFAULT_DEVICE.id;
  if (p.example !== undefined) return String(p.example);
  const s = deref(p.schema) ?? {};
  if (s.examples?.[0] !== undefined) return String(s.examples[0]);
  if (s.default !== undefined) return String(s.default);
  if (s.enum?.[0] !== undefined) return String(s.enum[0]);
  if (s.pattern === '^[0-9a-f]{24}$') return '5dcad1c216174c001ca23ab9';
  return 'x';
}

/** A request that satisfies the operation's spec: path and required query parameters, the body's example. */
export function exampleRequest(op: SpecOp): { path: string; body?: string; contentType?: string } {
  let path = op.template;
  const query: string[] = [];
  for (const p of op.params) {
    if (p.in === 'path') path = path.replace(`{${p.name}}`, p.name === 'path' ? sampleFor(p, op.method) : encodeURIComponent(sampleFor(p, op.method)));
    else if (p.in === 'query' && p.required) query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(sampleFor(p, op.method))}`);
  }
  if (query.length) path += `?${query.join('&')}`;
  const item = deref(spec.bundle.paths[op.template]);
  const rb = deref(item[op.method.toLowerCase()].requestBody);
  const media = rb?.content?.['application/json'];
  if (media) {
    const example = media.example ?? (Object.values(media.examples ?? {})[0] as { value?: unknown } | undefined)?.value;
    if (example !== undefined) {
      // Bodies that name a device name the seeded one.
      const body = example && typeof example === 'object' && typeof (example as { device?: unknown }).device === 'string' ? { ...example, device: DEFAULT_DEVICE.id } : example;
      return { path, body: JSON.stringify(body), contentType: 'application/json' };
    }
  }
  const text = rb?.content?.['text/plain'];
  if (text) return { path, body: String((Object.values(text.examples ?? {})[0] as { value?: unknown } | undefined)?.value ?? 'x'), contentType: 'text/plain' };
  return { path };
}
