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
import { STATUS_ERRORS } from '../facts.ts';

// The class for each status named in the shared facts (a core test checks each class's name and code against them).
const CLASSES_BY_NAME: Record<string, new (init: ApiErrorInit) => TagoApiError> = {
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
};
const STATUS_CLASSES: Record<number, new (init: ApiErrorInit) => TagoApiError> = Object.fromEntries(
  Object.entries(STATUS_ERRORS).map(([status, fact]) => [status, CLASSES_BY_NAME[fact.name]!]),
);

/** Builds the error class that matches an HTTP status. */
export function apiErrorFor(init: ApiErrorInit & { retryAfterSeconds?: number | undefined }): TagoApiError {
  if (init.status === 429) return new RateLimitError(init);
  if (init.status >= 500) return new InternalServerError(init);
  const Cls = STATUS_CLASSES[init.status];
  return Cls ? new Cls(init) : new TagoApiError(init);
}
