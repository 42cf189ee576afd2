import { TagoValidationError } from '../errors.ts';

/**
 * A copy of an options object with its own enumerable properties only, on no prototype: options are read this
 * way so that a polluted Object.prototype (say, a `transport` or `headers` key) cannot reach a call.
 */
export function ownProperties<T extends object>(options: T): T {
  if (options === null || typeof options !== 'object') {
    throw new TagoValidationError('options must be an object', 'option_invalid', 'options');
  }
  return Object.assign(Object.create(null) as T, options);
}
