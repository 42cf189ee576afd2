/* Helpers both MCU runtimes use (runtime.js, the full one, and tiny.js): scripts/build.mjs puts this file before
   either, so each function is written once. Espruino-safe: no substring search trusts indexOf alone (find), digits
   are read by hand (whole), JSON leaves the board as ASCII (asciiJson). */
function isObj(v) {
  return v !== null && typeof v == 'object' && !Array.isArray(v);
}

function str(v) {
  return typeof v == 'string' && v;
}

/* Where s first starts in t, or -1. Espruino 2v29 also answers a position where only the start of s matches the
   end of t ('abcdefgh'.indexOf('hi') is 7). Such a hit runs past the end of t, and the search goes left to right,
   so a real match would have come first: the hit means "not found". One-character searches cannot hit that way. */
function find(t, s) {
  var i = t.indexOf(s);
  return i + s.length > t.length ? -1 : i;
}

/* Every error is a plain object built here. */
function fault(name, code, message, status, processed) {
  return { name: name, code: code, message: message, status: status, mayHaveBeenProcessed: !!processed };
}

function verr(code, field) {
  var e = fault('TagoValidationError', code, field + ': ' + code);
  e.field = field;
  return e;
}

function validateToken(t) {
  var e = typeof t != 'string' ? 'not_string' : t ? '' : 'empty', i, c;
  for (i = 0; !e && i < t.length; i++) {
    c = t.charCodeAt(i);
    /* A quote or a backslash is escaped in a JSON text that echoes the token, so redaction would miss it. */
    e = c == 13 || c == 10 ? 'line_break' : c == 32 || c == 9 ? 'whitespace' :
      c < 32 || c > 126 || c == 34 || c == 92 ? 'invalid_char' : '';
  }
  if (e) throw verr('token_' + e, 'token');
  return t;
}

/* The value of a string of decimal digits, or NaN for anything else (a sign, a fraction, a space, ''). By hand:
   Espruino reads a leading 0 as octal ('010' would be 8). */
function whole(s) {
  var n = s.length ? 0 : NaN, i, c;
  for (i = 0; i < s.length; i++) {
    c = s.charCodeAt(i) - 48;
    n = c < 0 || c > 9 ? NaN : n * 10 + c;
  }
  return n;
}

function isDigits(s) {
  return whole(s) >= 0;
}

/* JSON with every non-ASCII character escaped, so the body length in characters is its length in bytes. */
function asciiJson(v) {
  var j = JSON.stringify(v), o = '', i, c;
  for (i = 0; i < j.length; i++) {
    c = j.charCodeAt(i);
    o += c < 127 ? j.charAt(i) : '\\u' + ('000' + c.toString(16)).slice(-4);
  }
  return o;
}
