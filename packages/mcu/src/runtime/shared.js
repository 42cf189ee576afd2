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
  var i, c;
  if (typeof t != 'string') throw verr('token_not_string', 'token');
  if (!t) throw verr('token_empty', 'token');
  for (i = 0; i < t.length; i++) {
    c = t.charCodeAt(i);
    if (c == 13 || c == 10) throw verr('token_line_break', 'token');
    if (c == 32 || c == 9) throw verr('token_whitespace', 'token');
    /* A quote or a backslash is escaped in a JSON text that echoes the token, so redaction would miss it. */
    if (c < 32 || c > 126 || c == 34 || c == 92) throw verr('token_invalid_char', 'token');
  }
  return t;
}

function isDigits(s) {
  var i;
  for (i = 0; i < s.length; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
  return s.length > 0;
}

/* The value of a string of decimal digits, or NaN for anything else (a sign, a fraction, a space). By hand:
   Espruino reads a leading 0 as octal ('010' would be 8). */
function whole(s) {
  var n = 0, i;
  if (!isDigits(s)) return NaN;
  for (i = 0; i < s.length; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
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
