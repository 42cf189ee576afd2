import type { ChildProcess } from 'node:child_process';
import { resolveRef } from '@tagokit/spec-model';
import { ACCESS_POLICY } from '../src/handlers/access.mjs';
import { ACTION } from '../src/handlers/actions.mjs';
import { ANALYSIS } from '../src/handlers/analysis.mjs';
import { CONNECTOR, NETWORK } from '../src/handlers/integrations.mjs';
import { SQL_QUERY, TAGOCORE } from '../src/handlers/platform.mjs';
import { exampleResult } from '../src/handlers/answers.mjs';
import { DASHBOARD, WIDGET } from '../src/handlers/dashboards.mjs';
import { ENTITY } from '../src/handlers/entities.mjs';
import { NOTIFICATION } from '../src/handlers/notifications.mjs';
import type { ResourceKind } from '../src/handlers/resources.mjs';
import { RUN_USER } from '../src/handlers/run-users.mjs';
import { SECRET } from '../src/handlers/secrets.mjs';
import {
  DEFAULT_DEVICE,
  DEFAULT_PROFILE_ID,
  DEFAULT_TOKENS,
  loadSpec,
  type EmulatorState,
  type TokenKind,
} from '../src/index.mjs';

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
/** A profile token made through the account's token routes (seedResources adds it), so removing it is possible. */
export const MADE_PROFILE_TOKEN = 'p-11111111-2222-4333-8444-666666666666';

/** A service authorization seedResources keeps, so editing and removing one is possible. */
export const MADE_SERVICE_AUTHORIZATION = 'at11111111-2222-4333-8444-777777777777';
/** The analysis token of the analysis seedResources adds under the examples' analysis id. */
export const SEEDED_ANALYSIS_TOKEN = 'a-11111111-2222-4333-8444-888888888888';

/** A device with a parameter and a second token, so every stateful route has something to act on. */
export const seedDevices = () => [
  {
    ...DEFAULT_DEVICE,
    token: [DEFAULT_DEVICE.token, EXTRA_DEVICE_TOKEN],
    serie_number: 'SN-0001',
    params: [{ id: PARAM_ID, key: 'param1', value: 'value1' }],
  },
];

export function tokenFor(kind: TokenKind): string {
  return kind === 'device' ? DEFAULT_DEVICE.token : DEFAULT_TOKENS[kind];
}

function deref(node: any): any {
  return resolveRef(spec.bundle, node);
}

function sampleFor(p: SpecOp['params'][number], method: string, template: string): string {
  if (p.name === 'token' && template.startsWith('/profile/')) return MADE_PROFILE_TOKEN;
  if (p.name === 'token' && template.startsWith('/serviceauth/')) return MADE_SERVICE_AUTHORIZATION;
  if (p.name === 'deviceID') return DEFAULT_DEVICE.id;
  if (p.name === 'paramID') return PARAM_ID;
  if (p.name === 'serial') return 'SN-0001';
  if ((p.name === 'token' || p.name === 'deviceIDOrToken') && p.in === 'path')
    return p.name === 'token' || method === 'DELETE' ? EXTRA_DEVICE_TOKEN : DEFAULT_DEVICE.id;
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
    const sample = sampleFor(p, op.method, op.template);
    if (p.in === 'path') path = path.replace(`{${p.name}}`, p.name === 'path' ? sample : encodeURIComponent(sample));
    else if (p.in === 'query' && p.required) query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(sample)}`);
  }
  if (query.length) path += `?${query.join('&')}`;
  const item = deref(spec.bundle.paths[op.template]);
  const rb = deref(item[op.method.toLowerCase()].requestBody);
  const media = rb?.content?.['application/json'];
  if (media) {
    const example = media.example ?? (Object.values(media.examples ?? {})[0] as { value?: unknown } | undefined)?.value;
    if (example !== undefined) {
      // Bodies that name a device name the seeded one.
      const body =
        example && typeof example === 'object' && typeof (example as { device?: unknown }).device === 'string'
          ? { ...example, device: DEFAULT_DEVICE.id }
          : example;
      return { path, body: JSON.stringify(body), contentType: 'application/json' };
    }
  }
  const text = rb?.content?.['text/plain'];
  if (text)
    return {
      path,
      body: String((Object.values(text.examples ?? {})[0] as { value?: unknown } | undefined)?.value ?? 'x'),
      contentType: 'text/plain',
    };
  return { path };
}

/** Every kind of resource the shared engine keeps. */
export const RESOURCE_KINDS: ResourceKind[] = [
  DASHBOARD,
  WIDGET,
  ACTION,
  RUN_USER,
  SECRET,
  ACCESS_POLICY,
  ENTITY,
  NOTIFICATION,
  ANALYSIS,
  CONNECTOR,
  NETWORK,
  TAGOCORE,
  SQL_QUERY,
];

/** The example value of a path parameter, as the spec gives it to any operation that has it. */
function pathExample(name: string): string {
  for (const op of operations) {
    const p = op.params.find((x) => x.in === 'path' && x.name === name);
    if (p?.example !== undefined) return String(p.example);
  }
  throw new Error(`no operation gives an example of the path parameter ${name}`);
}

/**
 * One record of every resource kind under the id the spec's examples name (so a call built from the examples finds
 * it), shaped as the read operation's example; and the files the file routes' examples name.
 */
export function seedResources(state: EmulatorState): void {
  const store = state;
  for (const kind of RESOURCE_KINDS) {
    const shape = exampleResult(spec, kind.shapeOf ?? kind.ops.get ?? '');
    const id = pathExample(kind.idParam);
    const record: Record<string, unknown> = { ...(Array.isArray(shape) ? shape[0] : shape), id };
    if (kind.parent) record[kind.parent.field] = pathExample(kind.parent.kind.idParam);
    store.resources(kind.collection).set(id, record);
  }
  // The seeded analysis runs with a token of its own (the example's is empty).
  const analysis = store.resources('analyses').get(pathExample('analysisID'))!;
  analysis['token'] = SEEDED_ANALYSIS_TOKEN;
  state.addToken('analysis', SEEDED_ANALYSIS_TOKEN);
  // The run notification the examples name (the list example's row, for its user), the query's first version,
  // the portal's custom domain, a network token and a service authorization to edit and remove.
  const notification = (exampleResult(spec, 'listRunUserNotifications') as Record<string, unknown>[])[0]!;
  store.resources('runNotifications').set(String(notification['id']), structuredClone(notification));
  const sql = exampleResult(spec, 'getSqlQueryVersion') as Record<string, unknown>;
  store.resources('sqlVersions').set(`${pathExample('sqlID')}/1`, structuredClone(sql));
  const domain = exampleResult(spec, 'getRunCustomDomain') as Record<string, unknown>;
  store.resources('runCustomDomains').set(DEFAULT_PROFILE_ID, structuredClone(domain));
  const networkToken = (exampleResult(spec, 'listNetworkTokens') as Record<string, unknown>[])[0]!;
  state.addToken('network', String(networkToken['token']));
  store
    .resources('networkTokens')
    .set(String(networkToken['token']), { ...networkToken, network: pathExample('networkID') });
  state.addToken('serviceAuthorization', MADE_SERVICE_AUTHORIZATION);
  const authorization = { name: 'made', token: MADE_SERVICE_AUTHORIZATION, permission: 'full' };
  store.resources('serviceAuthorizations').set(MADE_SERVICE_AUTHORIZATION, authorization);
  const template = { ...(exampleResult(spec, 'getTemplate') as object), id: pathExample('templateID') };
  store.resources('templates').set(template.id, template);
  state.addToken('profile', MADE_PROFILE_TOKEN);
  const made = { name: 'made', token: MADE_PROFILE_TOKEN, permission: 'full' };
  store.resources('profileTokens').set(MADE_PROFILE_TOKEN, made);
  // The dictionary the examples name by id and by slug (ADM), and the portal's (COMMON), with their languages.
  const dictionaries = store.resources('dictionaries');
  const now = new Date(0).toISOString();
  const languages = {
    'en-US': { strings: { WELCOME: 'Welcome back' }, active: true },
    'pt-BR': { strings: { WELCOME: 'Bem-vindo' }, active: true },
  };
  const adm = pathExample('dictionaryID');
  dictionaries.set(adm, {
    id: adm,
    name: 'Admin',
    slug: 'ADM',
    fallback: 'en-US',
    languages,
    created_at: now,
    updated_at: now,
  });
  dictionaries.set('63ea6bd581db210009ff8f1e', {
    id: '63ea6bd581db210009ff8f1e',
    name: 'Common',
    slug: 'COMMON',
    fallback: 'en-US',
    languages: structuredClone(languages),
    created_at: now,
    updated_at: now,
  });
  for (const filename of ['/layer05.png', '/images/layer05.png', '/plant-floor.png']) {
    const file = { filename, size: 10, last_modified: new Date(0).toISOString(), public: true };
    store.resources('files').set(filename, file);
    const data = Buffer.alloc(10, 1).toString('base64');
    store.resources('fileContents').set(filename, { data, contentType: 'image/png' });
  }
  // The open widget upload the example end step names, with the part its example lists.
  const widgetCall = exampleRequest(operations.find((o) => o.id === 'uploadWidgetFile')!);
  const widgetEnd = JSON.parse(widgetCall.body!) as { upload_id: string; filename: string; parts: { ETag: string }[] };
  const target = widgetCall.path.split('?')[0]!.split('/').slice(3).join('/');
  store.resources('multipartUploads').set(widgetEnd.upload_id, {
    id: widgetEnd.upload_id,
    filename: widgetEnd.filename,
    contentType: 'image/png',
    public: false,
    fieldId: 'photo_field',
    target,
    parts: { 1: { etag: widgetEnd.parts[0]!.ETag, size: 10, data: Buffer.alloc(10, 2).toString('base64') } },
    attempts: { 1: 1 },
    faulted: {},
    stored: { 1: 1 },
  });
}

/** The URL a started `tagokit-emulator` prints; rejects with its output if it exits or prints none in 20 s. */
export function printedUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr?.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}
