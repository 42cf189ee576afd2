/**
 * Type helpers that read the operation types openapi-typescript generates (`operations['listDevices']`). The
 * generator only uses a helper where the operation has that part, so none of them has to cope with `never`.
 */

/** The path parameters of an operation. */
export type PathParams<O> = O extends { parameters: { path: infer P } } ? P : never;

/** The query parameters of an operation. */
export type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The request body of an operation for one media type. */
export type RequestBody<O, Media extends string = 'application/json'> = O extends { requestBody?: infer B }
  ? NonNullable<B> extends { content: infer C }
    ? Media extends keyof C
      ? C[Media]
      : never
    : never
  : never;

type SuccessCodes = 200 | 201 | 202 | 204;
type JsonOf<R> = R extends { content: infer C }
  ? 'application/json' extends keyof C
    ? C['application/json']
    : C[keyof C]
  : undefined;
type SuccessBody<O> = O extends { responses: infer R } ? JsonOf<R[Extract<keyof R, SuccessCodes>]> : never;

/** `result` of the envelope an operation answers with. */
export type EnvelopeResult<O> = SuccessBody<O> extends infer B ? (B extends { result?: infer X } ? X : never) : never;

/** The whole body of an operation that answers outside the envelope. */
export type RawResult<O> = SuccessBody<O>;

/** The item type of a list result. */
export type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

/**
 * A list's row narrowed to the `fields` asked for (`Pick<Row, 'id' | 'name'>`); the whole row when none (or an empty
 * list) is given, since the API then answers its default fields.
 */
export type FieldsRow<Row, F extends readonly string[]> = [F[number]] extends [never]
  ? Row
  : Pick<Row, Extract<F[number], keyof Row>>;
