// @ts-check
// The body of a request, parsed by its declared media type.
import { isJsonMediaType, mediaTypeOf } from '../request.mjs';

/**
 * The body of a request, read by its declared media type: `{ body }` (undefined when there is none, or when the
 * route takes none), or `{ answer }` refusing it. JSON is read only when the content type says JSON
 * (`application/json` or `application/*+json`, any parameters), never by sniffing: a substring test let
 * `text/plain; x=application/json` through. Any other type must be one the operation lists (`text/plain` on
 * `POST /data`), else 415 names the types it takes; a body without a content type is refused the same way.
 * @param {import('../spec.mjs').Operation} op
 * @param {string} rawBody
 * @param {string} contentType
 * @param {import('../http/form-data.mjs').ParsedForm} [form]  a form-data body, parsed before (busboy is async)
 * @returns {{ body: unknown, answer?: undefined } | { answer: import('../handlers/answers.mjs').Answer }}
 */
export function parseBody(op, rawBody, contentType, form) {
  if (rawBody.length === 0 || !op.body) return { body: undefined };
  const media = mediaTypeOf(contentType);
  // A form reaches the handler as `ctx.form`; its fields also stand as the body for the required-body check.
  if (form && op.body.types.some((t) => mediaTypeOf(t) === media)) return { body: { ...form.fields } };
  const takesJson = op.body.types.some((t) => isJsonMediaType(mediaTypeOf(t)));
  if (takesJson && isJsonMediaType(media)) {
    try {
      return { body: JSON.parse(rawBody) };
    } catch {
      const body = { status: false, message: 'Error on Body parameters: the body is not valid JSON' };
      return { answer: { status: 400, body: { ...body, field_errors: { body: ['body is not valid JSON'] } } } };
    }
  }
  if (media && op.body.types.some((t) => mediaTypeOf(t) === media)) return { body: rawBody };
  const expected = op.body.types.map(mediaTypeOf).join(' or ');
  const reason = media
    ? `the content type must be ${expected}`
    : `the body has no content type; send it as ${expected}`;
  const answer = { status: false, message: `Error on Body parameters: ${reason}`, field_errors: { body: [reason] } };
  return { answer: { status: 415, body: answer } };
}
