/** Shortest secret worth redacting: replacing one or two characters everywhere would garble every text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of the secrets in a text, so server messages that echo a token cannot leak it. A
 * secret holding `/` is also replaced in its JSON-escaped form (`\/`), which a JSON text may carry instead.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    out = out.replaceAll(secret, '[redacted]');
    if (secret.includes('/')) out = out.replaceAll(secret.replaceAll('/', '\\/'), '[redacted]');
  }
  return out;
}

/** The longest secret's length: how far past a cut a secret can reach, so redaction runs before cutting. */
export function longestSecret(secrets: readonly (string | undefined)[]): number {
  let longest = 0;
  for (const secret of secrets) if (secret && secret.length > longest) longest = secret.length;
  return longest;
}

/** The first `length` characters of a text with the secrets redacted first: a cut cannot leave part of a secret. */
export function redactedExcerpt(text: string, secrets: readonly (string | undefined)[], length: number): string {
  // A secret starting before `length` ends before length + longest (and twice that for its escaped form).
  const window = text.slice(0, length + 2 * longestSecret(secrets));
  return redact(window, secrets).slice(0, length);
}

/**
 * A low-level error (and its causes) with the secrets taken out: a platform error may quote the URL, which can
 * carry a path or query credential (`Failed to parse URL from https://...?token=...`). Errors without a secret in
 * their text are kept as they are.
 */
export function withoutSecrets(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0 || !(error instanceof Error) || depth > 4) return error;
  const own = `${error.message}\n${error.stack ?? ''}`;
  const cause = withoutSecrets((error as { cause?: unknown }).cause, secrets, depth + 1);
  if (redact(own, secrets) === own && cause === (error as { cause?: unknown }).cause) return error;
  const copy = new Error(redact(error.message, secrets), cause === undefined ? undefined : { cause });
  copy.name = error.name;
  copy.stack = redact(error.stack ?? '', secrets);
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}
