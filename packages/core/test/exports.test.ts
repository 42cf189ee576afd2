import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Every name a module exports, values and types alike, as the compiler sees them. */
function exportedNames(file: string): string[] {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  return checker
    .getExportsOfModule(checker.getSymbolAtLocation(source)!)
    .map((s) => s.name)
    .sort();
}

const src = join(import.meta.dirname, '..', 'src');

// The public API of @tagokit/core is this list: a change to it must be deliberate (update the list and the README).
const PUBLIC = [
  'AuthenticationError',
  'BadRequestError',
  'CallOptions',
  'ClientOptions',
  'ConflictError',
  'DEFAULT_RETRY_POLICY',
  'DebugOption',
  'EventStreamLimits',
  'HttpMethod',
  'InternalServerError',
  'KnownRegion',
  'NotFoundError',
  'OperationRequest',
  'PermissionDeniedError',
  'RateLimitError',
  'Realtime',
  'RealtimeOptions',
  'RealtimeSubscription',
  'RegionInput',
  'ResolvedRegion',
  'RetryPolicy',
  'ServerSentEvent',
  'TOKEN_KINDS',
  'TagoAbortError',
  'TagoApiError',
  'TagoConnectionError',
  'TagoCore',
  'TagoDeadlineError',
  'TagoError',
  'TagoEventStream',
  'TagoPagePromise',
  'TagoPromise',
  'TagoRedirectError',
  'TagoResponse',
  'TagoResponseParseError',
  'TagoTimeoutError',
  'TagoValidationError',
  'TagoWarning',
  'TokenKind',
  'Transport',
  'UnprocessableEntityError',
  'WireRequest',
  'WireResponse',
  'createRealtime',
  'fetchTransport',
  'paginateByCursor',
  'paginateByPage',
  'paginateBySkip',
  'resolveRegion',
];

describe('the exports of @tagokit/core', () => {
  const root = exportedNames(join(src, 'index.ts'));
  const internal = exportedNames(join(src, 'internal', 'index.ts'));

  it(`offers users exactly the ${PUBLIC.length} names of its public list`, () => {
    console.log(
      `@tagokit/core public exports: ${root.length}; @tagokit/core/internal adds ${internal.length - root.length}`,
    );
    expect(root).toEqual([...PUBLIC].sort());
    expect(root.length).toBeLessThan(50);
  });

  it('offers siblings everything public plus the internals, and users none of the internals', () => {
    expect(internal).toEqual(expect.arrayContaining(root));
    for (const name of [
      'buildPath',
      'callOperation',
      'ownProperties',
      'parseAnswer',
      'serializeQuery',
      'transportFailure',
    ]) {
      expect(internal).toContain(name);
      expect(root).not.toContain(name);
    }
  });
});
