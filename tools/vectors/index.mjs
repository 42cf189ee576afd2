// Runs the shared vectors against any client. Written in plain modern JS with no imports so that Node, Deno,
// workerd and edge-runtime can load it as is. (The ES5 microcontroller client has its own runner.)

export const VECTOR_FILES = ['envelope', 'errors', 'query', 'regions', 'tokens', 'retry', 'paths'];

/** Turns the JSON stand-ins for values JSON cannot hold into real values. */
function revive(value) {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    if ('$date' in value) return new Date(value.$date);
    if ('$undefined' in value) return undefined;
    if ('$number' in value) return Number(value.$number);
    const out = {};
    for (const key of Object.keys(value)) out[key] = revive(value[key]);
    return out;
  }
  return value;
}

/** JSON equality where undefined and null are the same (JSON has no undefined). */
function same(a, b) {
  return canonical(a) === canonical(b);
}
function canonical(v) {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function describe(error) {
  if (!error || typeof error !== 'object') return { thrown: String(error) };
  const out = {};
  for (const key of ['name', 'code', 'status', 'message', 'retryAfterSeconds', 'excerpt', 'mayHaveBeenProcessed'])
    out[key] = error[key];
  return out;
}

/** Compares the listed fields of an expected error with the thrown one. */
function errorDiff(expected, error, secret) {
  const got = describe(error);
  const diffs = [];
  for (const key of Object.keys(expected)) {
    if (!same(expected[key], got[key]))
      diffs.push(`${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(got[key])}`);
  }
  if (secret) {
    const text = `${String(error)} ${JSON.stringify(error)} ${error && error.stack}`;
    if (text.includes(secret)) diffs.push('the token appears in the error');
  }
  return diffs.join('; ');
}

function run(results, file, name, fn) {
  try {
    const detail = fn();
    results.push(detail ? { file, name, ok: false, detail } : { file, name, ok: true });
  } catch (error) {
    results.push({ file, name, ok: false, detail: `unexpected throw: ${error && error.message}` });
  }
}

export function checkVectors(subject, data) {
  const results = [];

  for (const c of data.envelope.cases) {
    run(results, 'envelope', c.name, () => {
      const input = { status: c.status, headers: c.headers, body: c.body, mode: c.mode };
      if (c.token) input.token = c.token;
      let answer;
      try {
        answer = subject.parseAnswer(input);
      } catch (error) {
        if (!c.expect.error) return `threw ${JSON.stringify(describe(error))}`;
        return errorDiff(c.expect.error, error, c.token);
      }
      if (c.expect.error) return `expected ${c.expect.error.name}, got data ${JSON.stringify(answer.data)}`;
      if (!same(answer.data, c.expect.data))
        return `data: expected ${JSON.stringify(c.expect.data)}, got ${JSON.stringify(answer.data)}`;
      if (!same(answer.warning, c.expect.warning))
        return `warning: expected ${JSON.stringify(c.expect.warning)}, got ${JSON.stringify(answer.warning)}`;
      return '';
    });
  }

  for (const c of data.errors.cases) {
    run(results, 'errors', c.name, () => {
      try {
        subject.parseAnswer({ status: c.status, headers: {}, body: c.body, mode: 'envelope' });
      } catch (error) {
        return errorDiff(c.expect, error);
      }
      return 'no error thrown';
    });
  }

  for (const c of data.query.cases) {
    run(results, 'query', c.name, () => {
      let text;
      try {
        text = subject.serializeQuery(revive(c.input));
      } catch (error) {
        if (c.expect && c.expect.error)
          return error.code === c.expect.error ? '' : `expected code ${c.expect.error}, got ${error.code}`;
        throw error;
      }
      if (typeof c.expect !== 'string') return `expected error ${c.expect.error}, got ${text}`;
      return text === c.expect ? '' : `expected ${c.expect}, got ${text}`;
    });
  }

  for (const c of data.regions.cases) {
    run(results, 'regions', c.name, () => {
      let got;
      try {
        got = subject.resolveRegion(c.input === null ? undefined : c.input, c.options);
      } catch (error) {
        if (c.expect.error)
          return error.code === c.expect.error ? '' : `expected code ${c.expect.error}, got ${error.code}`;
        throw error;
      }
      if (c.expect.error) return `expected error ${c.expect.error}, got ${JSON.stringify(got)}`;
      const picked = { api: got.api, sse: got.sse, insecure: got.insecure };
      return same(picked, c.expect) ? '' : `expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(picked)}`;
    });
  }

  for (const c of data.tokens.cases) {
    run(results, 'tokens', c.name, () => {
      try {
        subject.validateToken(c.token);
      } catch (error) {
        if (c.expect === 'valid') return `refused with ${error.code}`;
        if (error.code !== c.expect.error) return `expected code ${c.expect.error}, got ${error.code}`;
        const text = `${error.message}`;
        return typeof c.token === 'string' && c.token.length > 4 && text.includes(c.token)
          ? 'the token appears in the message'
          : '';
      }
      return c.expect === 'valid' ? '' : `accepted, expected ${c.expect.error}`;
    });
  }

  for (const c of data.retry.cases) {
    run(results, 'retry', c.name, () => {
      const input = { method: c.method, attempt: c.attempt, outcome: c.outcome, random: c.random };
      if (c.policy) input.policy = c.policy;
      if (c.idempotent !== undefined) input.idempotent = c.idempotent;
      const got = subject.decideRetry(input);
      const picked = { retry: got.retry, delayMs: got.delayMs };
      return same(picked, c.expect) ? '' : `expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(picked)}`;
    });
  }
  for (const c of data.retry.retryAfter) {
    run(results, 'retry-after', c.name, () => {
      const got = subject.retryAfterFrom(c.headers, c.message === null ? undefined : c.message, c.now);
      return same(got, c.expect) ? '' : `expected ${c.expect}, got ${got}`;
    });
  }
  for (const c of data.paths.cases) {
    run(results, 'paths', c.name, () => {
      let path;
      try {
        path = subject.buildPath(c.template, revive(c.params), {}, c.reserved || []);
      } catch (error) {
        if (typeof c.expect === 'string') return `threw ${error && error.code}: ${error && error.message}`;
        if (error.code !== c.expect.error) return `expected code ${c.expect.error}, got ${error.code}`;
        return error.field === c.expect.field ? '' : `expected field ${c.expect.field}, got ${error.field}`;
      }
      return typeof c.expect === 'string'
        ? path === c.expect
          ? ''
          : `expected ${c.expect}, got ${path}`
        : `expected error ${c.expect.error}, got ${path}`;
    });
  }
  return results;
}
