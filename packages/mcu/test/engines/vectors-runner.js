/* ES5 port of tools/vectors/index.mjs (checkVectors): runs the shared vectors against the `tagokit` module in any
   ES5 engine. Expects globals TAGOKIT (the module's exports) and DATA (the vector files); returns the results. */
var runVectors = function (subject, data) {
  var results = [], i, c;
  var revive = function (v) {
    var out, k, j;
    if (Array.isArray(v)) {
      out = [];
      for (j = 0; j < v.length; j++) out.push(revive(v[j]));
      return out;
    }
    if (v && typeof v == 'object') {
      if ('$date' in v) return new Date(v.$date);
      if ('$undefined' in v) return undefined;
      if ('$number' in v) return Number(v.$number);
      out = {};
      k = Object.keys(v);
      for (j = 0; j < k.length; j++) out[k[j]] = revive(v[k[j]]);
      return out;
    }
    return v;
  };
  var canonical = function (v) {
    var parts = [], keys, j;
    if (v === undefined || v === null) return 'null';
    if (Array.isArray(v)) {
      for (j = 0; j < v.length; j++) parts.push(canonical(v[j]));
      return '[' + parts.join(',') + ']';
    }
    if (typeof v == 'object') {
      keys = Object.keys(v).sort();
      for (j = 0; j < keys.length; j++) if (v[keys[j]] !== undefined) parts.push(JSON.stringify(keys[j]) + ':' + canonical(v[keys[j]]));
      return '{' + parts.join(',') + '}';
    }
    return JSON.stringify(v);
  };
  var same = function (a, b) {
    return canonical(a) === canonical(b);
  };
  var describe = function (e) {
    var out = {}, keys = ['name', 'code', 'status', 'message', 'retryAfterSeconds', 'excerpt', 'mayHaveBeenProcessed'], j;
    if (!e || typeof e != 'object') return { thrown: String(e) };
    for (j = 0; j < keys.length; j++) out[keys[j]] = e[keys[j]];
    return out;
  };
  /* Whether t contains s. Also right on Espruino's built-ins (espruino-builtins.js), whose 2v29 indexOf answers a
     position where only the start of s matches the end of t. */
  var contains = function (t, s) {
    var at = t.indexOf(s);
    return at > -1 && at + s.length <= t.length;
  };
  var errorDiff = function (expected, e, secret) {
    var got = describe(e), diffs = [], keys = Object.keys(expected), j;
    for (j = 0; j < keys.length; j++) {
      if (!same(expected[keys[j]], got[keys[j]])) diffs.push(keys[j] + ': expected ' + JSON.stringify(expected[keys[j]]) + ', got ' + JSON.stringify(got[keys[j]]));
    }
    if (secret && contains(String(e) + ' ' + JSON.stringify(e), secret)) diffs.push('the token appears in the error');
    return diffs.join('; ');
  };
  var run = function (file, name, fn) {
    var detail;
    try {
      detail = fn();
      results.push(detail ? { file: file, name: name, ok: false, detail: detail } : { file: file, name: name, ok: true });
    } catch (e) {
      results.push({ file: file, name: name, ok: false, detail: 'unexpected throw: ' + (e && (e.message || e.code)) });
    }
  };
  var envelopeCase = function (c) {
    return function () {
      var input = { status: c.status, headers: c.headers, body: c.body, mode: c.mode }, answer;
      if (c.token) input.token = c.token;
      try {
        answer = subject.parseAnswer(input);
      } catch (e) {
        if (!c.expect.error) return 'threw ' + JSON.stringify(describe(e));
        return errorDiff(c.expect.error, e, c.token);
      }
      if (c.expect.error) return 'expected ' + c.expect.error.name + ', got data ' + JSON.stringify(answer.data);
      if (!same(answer.data, c.expect.data)) return 'data: expected ' + JSON.stringify(c.expect.data) + ', got ' + JSON.stringify(answer.data);
      if (!same(answer.warning, c.expect.warning)) return 'warning: expected ' + JSON.stringify(c.expect.warning) + ', got ' + JSON.stringify(answer.warning);
      return '';
    };
  };
  var errorsCase = function (c) {
    return function () {
      try {
        subject.parseAnswer({ status: c.status, headers: {}, body: c.body, mode: 'envelope' });
      } catch (e) {
        return errorDiff(c.expect, e);
      }
      return 'no error thrown';
    };
  };
  /* Engines that do not keep insertion order (mujs sorts keys) cannot give the vectors' pair order; there the
     pairs are compared as a set, which is what TagoIO's parser sees. */
  var ordered = Object.keys({ b: 1, a: 1 })[0] == 'b';
  var sameQuery = function (a, b) {
    return ordered ? a === b : a.split('&').sort().join('&') === b.split('&').sort().join('&');
  };
  var queryCase = function (c) {
    return function () {
      var text;
      try {
        text = subject.serializeQuery(revive(c.input));
      } catch (e) {
        if (c.expect && c.expect.error) return e.code === c.expect.error ? '' : 'expected code ' + c.expect.error + ', got ' + e.code;
        throw e;
      }
      if (typeof c.expect != 'string') return 'expected error ' + c.expect.error + ', got ' + text;
      return sameQuery(text, c.expect) ? '' : 'expected ' + c.expect + ', got ' + text;
    };
  };
  var regionCase = function (c) {
    return function () {
      var got;
      try {
        got = subject.resolveRegion(c.input === null ? undefined : c.input, c.options);
      } catch (e) {
        if (c.expect.error) return e.code === c.expect.error ? '' : 'expected code ' + c.expect.error + ', got ' + e.code;
        throw e;
      }
      if (c.expect.error) return 'expected error ' + c.expect.error + ', got ' + JSON.stringify(got);
      return same({ api: got.api, sse: got.sse, insecure: got.insecure }, c.expect) ? '' : 'expected ' + JSON.stringify(c.expect) + ', got ' + JSON.stringify(got);
    };
  };
  var tokenCase = function (c) {
    return function () {
      try {
        subject.validateToken(c.token);
      } catch (e) {
        if (c.expect === 'valid') return 'refused with ' + e.code;
        if (e.code !== c.expect.error) return 'expected code ' + c.expect.error + ', got ' + e.code;
        return typeof c.token == 'string' && c.token.length > 4 && contains(String(e.message), c.token) ? 'the token appears in the message' : '';
      }
      return c.expect === 'valid' ? '' : 'accepted, expected ' + c.expect.error;
    };
  };
  var retryCase = function (c) {
    return function () {
      var input = { method: c.method, attempt: c.attempt, outcome: c.outcome, random: c.random }, got;
      if (c.policy) input.policy = c.policy;
      if (c.idempotent !== undefined) input.idempotent = c.idempotent;
      got = subject.decideRetry(input);
      return same({ retry: got.retry, delayMs: got.delayMs }, c.expect) ? '' : 'expected ' + JSON.stringify(c.expect) + ', got ' + JSON.stringify(got);
    };
  };
  var retryAfterCase = function (c) {
    return function () {
      var got = subject.retryAfterFrom(c.headers, c.message === null ? undefined : c.message, c.now);
      return same(got, c.expect) ? '' : 'expected ' + c.expect + ', got ' + got;
    };
  };
  var pathCase = function (c) {
    return function () {
      var path;
      try {
        path = subject.buildPath(c.template, revive(c.params), {}, c.reserved || []);
      } catch (e) {
        if (typeof c.expect == 'string') return 'threw ' + (e && e.code) + ': ' + (e && e.message);
        if (e.code !== c.expect.error) return 'expected code ' + c.expect.error + ', got ' + e.code;
        return e.field === c.expect.field ? '' : 'expected field ' + c.expect.field + ', got ' + e.field;
      }
      if (typeof c.expect == 'string') return path === c.expect ? '' : 'expected ' + c.expect + ', got ' + path;
      return 'expected error ' + c.expect.error + ', got ' + path;
    };
  };
  for (i = 0; i < data.envelope.cases.length; i++) run('envelope', (c = data.envelope.cases[i]).name, envelopeCase(c));
  for (i = 0; i < data.errors.cases.length; i++) run('errors', (c = data.errors.cases[i]).name, errorsCase(c));
  for (i = 0; i < data.query.cases.length; i++) run('query', (c = data.query.cases[i]).name, queryCase(c));
  for (i = 0; i < data.regions.cases.length; i++) run('regions', (c = data.regions.cases[i]).name, regionCase(c));
  for (i = 0; i < data.tokens.cases.length; i++) run('tokens', (c = data.tokens.cases[i]).name, tokenCase(c));
  for (i = 0; i < data.retry.cases.length; i++) run('retry', (c = data.retry.cases[i]).name, retryCase(c));
  for (i = 0; i < data.retry.retryAfter.length; i++) run('retry-after', (c = data.retry.retryAfter[i]).name, retryAfterCase(c));
  for (i = 0; i < data.paths.cases.length; i++) run('paths', (c = data.paths.cases[i]).name, pathCase(c));
  return results;
};
