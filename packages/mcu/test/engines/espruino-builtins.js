/* Espruino's built-ins where they differ from ES5 and the client depends on them, installed over an ES5 engine's
   own (mujs, duktape, or a Node vm context) before the module is loaded. Each one repeats what the Espruino source
   does (espruino/Espruino, src/jswrap_string.c, src/jswrap_date.c, src/jswrap_json.c):
   - String.prototype.indexOf, 2v29 and later (commit "Much faster String.indexOf", builds without SAVE_ON_FLASH):
     it walks every position to the end of the text and compares with jsvCompareStringIt(..., equalAtEndOfString),
     so a search string whose first characters match the end of the text counts as found there
     ('abcdefgh'.indexOf('hi') is 7). A search string longer than the text is still -1.
   - String.prototype.split(separator), every version since 2014: the loop runs to length + 1 - separator length,
     so a separator longer than the text plus one character gives [] instead of [text].
   - new Date(text) and Date.parse(text): text Espruino cannot read gives 0 (the epoch), never NaN.
   - no Date.UTC (Date has only now and parse as static methods).
   - JSON.parse may answer undefined for bad text ('-x') instead of throwing.
   - encodeURIComponent (src/jswrap_functions.c) escapes each byte through a C char; where char is signed (x86
     builds) a byte above 0x7F is sign-extended before the shift, so '\xe9' gives '%59' instead of '%E9'. Strings
     hold bytes without ESPR_UNICODE_SUPPORT, so the model reads each character's low byte.
   - JSON.stringify (src/jsutils.c, escapeCharacter) escapes every character below 32 or from 127 up itself, as
     \u00E9 (upper-case hex): its text is ASCII, which the tiny build relies on for Content-Length.
   Also a self-check, ESPRUINO_QUIRKS, that the test compares with what the firmware answers. */
var ESPRUINO_QUIRKS = (function () {
  var indexOf = String.prototype.indexOf, split = String.prototype.split, parse = JSON.parse, stringify = JSON.stringify, RealDate = Date,
    HEX = '0123456789ABCDEF', KEEP = "-_.!~*'()";
  var EspruinoDate = function (a) {
    var t;
    if (!(this instanceof EspruinoDate)) return new RealDate().toString();
    if (arguments.length === 0) return new RealDate();
    if (arguments.length > 1) {
      return new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(arguments))))();
    }
    t = typeof a == 'string' ? EspruinoDate.parse(a) : +a;
    return new RealDate(t);
  };
  String.prototype.indexOf = function (s, from) {
    var t = String(this), i = 0, n;
    s = String(s);
    if (s.length > t.length) return -1;
    if (typeof from == 'number') i = Math.max(0, Math.min(from, t.length - s.length + 1));
    for (; i < t.length; i++) {
      n = Math.min(s.length, t.length - i);
      if (t.slice(i, i + n) === s.slice(0, n)) return i;
    }
    return -1;
  };
  String.prototype.split = function (separator) {
    if (typeof separator == 'string' && separator.length > String(this).length + 1) return [];
    return split.apply(this, arguments);
  };
  EspruinoDate.prototype = RealDate.prototype;
  EspruinoDate.now = function () {
    return RealDate.now();
  };
  EspruinoDate.parse = function (text) {
    var ms = RealDate.parse(text);
    return isNaN(ms) ? 0 : ms;
  };
  Date = EspruinoDate;
  encodeURIComponent = function (v) {
    var t = String(v), o = '', i, c;
    for (i = 0; i < t.length; i++) {
      c = t.charCodeAt(i) & 255;
      if ((c > 47 && c < 58) || (c > 64 && c < 91) || (c > 96 && c < 123) || KEEP.indexOf(t.charAt(i)) > -1) {
        o += t.charAt(i);
      } else {
        /* (unsigned)(signed char)c >> 4 is 0x0FFFFFF8 and up for c > 0x7F; 'A' + d - 10 then keeps its low byte. */
        o += '%' + (c > 127 ? String.fromCharCode(39 + (c >> 4)) : HEX.charAt(c >> 4)) + HEX.charAt(c & 15);
      }
    }
    return o;
  };
  JSON.stringify = function () {
    var j = stringify.apply(JSON, arguments), o = '', i, c;
    if (typeof j != 'string') return j;
    for (i = 0; i < j.length; i++) {
      c = j.charCodeAt(i);
      o += c < 127 ? j.charAt(i) : '\\u' + ('000' + c.toString(16).toUpperCase()).slice(-4);
    }
    return o;
  };
  JSON.parse = function (text) {
    try {
      return parse(text);
    } catch (e) {
      return undefined;
    }
  };
  return {
    indexOf: 'abcdefgh'.indexOf('hi'),
    nativeIndexOf: indexOf.call('abcdefgh', 'hi'),
    split: 'ab'.split('abcd').length,
    junkDate: new Date('junk').getTime(),
    utc: typeof Date.UTC,
    badJson: typeof JSON.parse('-x'),
    signedEncode: encodeURIComponent('a\xe9 '),
    escapedJson: JSON.stringify('\xe9\x7f')
  };
})();
