import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TagoApiError,
  UnprocessableEntityError,
  type ApiErrorInit,
} from '../errors.ts';

// The class of each status with one of its own: the statuses of the shared facts' STATUS_ERRORS, written out here
// rather than looked up by name so a small bundle does not carry the facts table too (test/facts.test.ts checks
// every status, name and code against the facts).
const STATUS_CLASSES: Record<number, new (init: ApiErrorInit) => TagoApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** Builds the error class that matches an HTTP status (any status >= 500 is an InternalServerError). */
export function apiErrorFor(init: ApiErrorInit & { retryAfterSeconds?: number | undefined }): TagoApiError {
  const Cls = init.status >= 500 ? InternalServerError : (STATUS_CLASSES[init.status] ?? TagoApiError);
  return new Cls(init);
}
