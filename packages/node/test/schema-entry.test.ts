import { describe, expectTypeOf, it } from 'vitest';
import type { components, operations, paths } from '../src/schema.js';
import type { DataQueryResult, Device, GetDataArgs, GetDeviceArgs, GetDeviceResult } from '../src/index.js';

// Compile-time checks (the typecheck test compiles this file); the published entries' file graphs are checked in
// tools/type-probes (declarations.test.ts).

describe('@tagokit/node/schema', () => {
  it("carries openapi-typescript's types, which the main entry's signatures equal", () => {
    expectTypeOf<NonNullable<operations['getData']['parameters']['query']>>().toEqualTypeOf<GetDataArgs>();
    expectTypeOf<operations['getDevice']['parameters']['path']['deviceID']>().toEqualTypeOf<
      GetDeviceArgs['deviceID']
    >();
    expectTypeOf<components['schemas']['Device']>().toEqualTypeOf<Device>();
    expectTypeOf<GetDeviceResult>().toEqualTypeOf<Device>();
    expectTypeOf<
      paths['/data']['get']['responses'][200]['content']['application/json']['result']
    >().toEqualTypeOf<DataQueryResult>();
  });
});
