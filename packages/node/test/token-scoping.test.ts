import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApiGroups, ApiKinds, ApiScopes } from '@tagokit/api/client';
import type { AnonymousKind, ScopedClient, ForKind } from '@tagokit/core/internal';
import { createClient, type TagoClient, type TokenKind } from '../src/index.js';
import { DEVICE_TOKEN, PROFILE_TOKEN } from './helpers.js';

// These checks run at compile time: `pnpm typecheck` (and the typecheck test below) fail if scoping breaks. A
// `@ts-expect-error` that no longer finds an error is itself an error, so each line proves a method is hidden.
describe('clients are typed by token kind', () => {
  it('a device client exposes only what a device token can call', () => {
    const device = createClient({ token: DEVICE_TOKEN, tokenKind: 'device' });
    expectTypeOf(device).toEqualTypeOf<TagoClient<'device'>>();
    expectTypeOf(device.deviceData.sendData).toBeFunction();
    expectTypeOf(device.deviceData.listConfigParams).toBeFunction();
    expectTypeOf(device.deviceData.listParams).toBeFunction(); // former name, deprecated
    expectTypeOf(device.info.getTokenInfo).toBeFunction();
    expectTypeOf(device.info.status).toBeFunction(); // public route
    // @ts-expect-error account-only operation: compile error for a device token
    void device.devices.list;
    // @ts-expect-error account-only group disappears entirely
    void device.billing;
    // @ts-expect-error analysis services need an analysis token
    void device.analysisServices;
    expectTypeOf<keyof TagoClient<'device'>>().toEqualTypeOf<
      | 'deviceData'
      | 'info'
      | 'account'
      | 'tagoRunUser'
      | 'realtime'
      | 'core'
      | 'tokenKind'
      | 'close'
      | typeof Symbol.asyncDispose
    >();
  });

  it('a profile client has the account routes but not the device-token ones', () => {
    const profile = createClient({ token: PROFILE_TOKEN, tokenKind: 'profile' });
    expectTypeOf(profile.devices.list).toBeFunction();
    expectTypeOf(profile.billing.getSubscription).toBeFunction();
    // @ts-expect-error POST /data is for device tokens
    void profile.deviceData;
    // @ts-expect-error analysis services need an analysis token
    void profile.analysisServices.sendEmail;
  });

  it('a network client reaches the integration routes', () => {
    const network = createClient({ token: 'n-5c2d9a7e-1b3f-4e6a-8d0c-9f1e2a3b4c5d', tokenKind: 'network' });
    expectTypeOf(network.networkIntegration.resolveNetworkDeviceToken).toBeFunction();
    // @ts-expect-error devices are not reachable with a network token
    void network.devices;
  });

  it('a client without a token has only public routes', () => {
    const anonymous = createClient();
    expectTypeOf(anonymous.account.login).toBeFunction();
    expectTypeOf(anonymous.info.status).toBeFunction();
    // @ts-expect-error needs a token
    void anonymous.info.getTokenInfo;
    // @ts-expect-error a former name is scoped like its operation
    void anonymous.info.get;
    // @ts-expect-error needs a token
    void anonymous.devices;
  });

  it('a client of unspecified kind hides nothing', () => {
    const any = createClient({ token: PROFILE_TOKEN });
    expectTypeOf(any.devices.list).toBeFunction();
    expectTypeOf(any.deviceData.sendData).toBeFunction();
  });

  it('a kind known only as TokenKind (a variable, a config value) gives a client of every kind', () => {
    const kind = 'device' as TokenKind;
    const client = createClient({ token: DEVICE_TOKEN, tokenKind: kind });
    expectTypeOf(client).toEqualTypeOf<TagoClient>();
    expectTypeOf(client.devices.list).toBeFunction();
    // @ts-expect-error not a token kind (refused at run time too)
    expect(() => createClient({ token: DEVICE_TOKEN, tokenKind: 'devices' })).toThrow(/tokenKind/);
  });

  it('types arguments and results from the spec', () => {
    const device = createClient({ token: DEVICE_TOKEN, tokenKind: 'device' });
    // @ts-expect-error `variable` is required in every record
    void device.deviceData.sendData({ body: [{ value: 1 }] });
    // @ts-expect-error qty is a number
    void device.deviceData.getData({ qty: 'ten' });
    // @ts-expect-error unknown query mode
    void device.deviceData.getData({ query: 'everything' });
    expectTypeOf(device.deviceData.sendData).returns.resolves.toEqualTypeOf<string>();
    const profile = createClient({ token: PROFILE_TOKEN, tokenKind: 'profile' });
    // @ts-expect-error deviceID is required
    void profile.devices.get({});
  });

  it('the precomputed scopes give the groups and methods ScopedClient computes, for every kind', () => {
    // ApiScopes writes a group a kind may call whole as its class, ScopedClient maps it: compare names, not shapes.
    // The scopes leave out the realtime group, which each runtime's client replaces with its own.
    type Names<T> = { [N in keyof T]: keyof T[N] };
    type Computed<K extends TokenKind | AnonymousKind> = Names<Omit<ScopedClient<ApiGroups, ApiKinds, K>, 'realtime'>>;
    type Read<K extends TokenKind | AnonymousKind> = Names<ForKind<ApiScopes, K>>;
    expectTypeOf<Read<'device'>>().toEqualTypeOf<Computed<'device'>>();
    expectTypeOf<Read<'profile'>>().toEqualTypeOf<Computed<'profile'>>();
    expectTypeOf<Read<'analysis'>>().toEqualTypeOf<Computed<'analysis'>>();
    expectTypeOf<Read<'network'>>().toEqualTypeOf<Computed<'network'>>();
    expectTypeOf<Read<'runUser'>>().toEqualTypeOf<Computed<'runUser'>>();
    expectTypeOf<Read<'serviceAuthorization'>>().toEqualTypeOf<Computed<'serviceAuthorization'>>();
    expectTypeOf<Read<AnonymousKind>>().toEqualTypeOf<Computed<AnonymousKind>>();
    expectTypeOf<Read<TokenKind>>().toEqualTypeOf<Computed<TokenKind>>();
    expectTypeOf<Read<'device'>>().toEqualTypeOf<Names<ApiScopes['device']>>();
    // A group a kind may call whole is the group's class itself.
    expectTypeOf<ApiScopes['device']['deviceData']>().toEqualTypeOf<ApiGroups['deviceData']>();
    expectTypeOf<keyof ApiScopes['every']>().toEqualTypeOf<Exclude<keyof ApiGroups, 'realtime'>>();
  });

  it('a client for a union of kinds offers what every kind of it may call (the token is one of them)', () => {
    type Either = TagoClient<'device' | 'network'>;
    // Both kinds read their token's owner and reach the public routes ...
    expectTypeOf<Either['info']['getTokenInfo']>().toBeFunction();
    expectTypeOf<Either['account']['login']>().toBeFunction();
    // ... but only a device token sends device data: narrow first.
    // @ts-expect-error deviceData is not callable with a network token
    type NotBoth = Either['deviceData'];
    const client = createClient({ token: DEVICE_TOKEN, tokenKind: 'device' }) as Either;
    if ('deviceData' in client) expectTypeOf(client.deviceData.sendData).toBeFunction();
  });

  it('ApiKinds reads the kinds of each method back from the scopes', () => {
    expectTypeOf<ApiKinds['deviceData']['sendData']>().toEqualTypeOf<'device'>();
    expectTypeOf<ApiKinds['info']['status']>().toEqualTypeOf<'anonymous'>();
    expectTypeOf<ApiKinds['info']['getTokenInfo']>().toEqualTypeOf<
      'device' | 'network' | 'analysis' | 'serviceAuthorization' | 'profile'
    >();
    expectTypeOf<ApiKinds['devices']['list']>().toEqualTypeOf<'profile' | 'analysis'>();
    // A former name is scoped like its operation.
    expectTypeOf<ApiKinds['deviceData']['listParams']>().toEqualTypeOf<ApiKinds['deviceData']['listConfigParams']>();
  });
});
