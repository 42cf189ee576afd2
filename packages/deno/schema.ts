// openapi-typescript's types of the whole spec (`paths`, `operations`, `components`), for code that reads routes
// by path. A subpath of its own, as in @tagokit/node and @tagokit/edge: mod.ts does not load them (550 kB a type
// check would otherwise parse), since its signatures use the named types instead.
export type { components, operations, paths } from '@tagokit/api/schema';
