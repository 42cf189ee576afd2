// The grammar of TagoIO dictionary expressions, as the platform and its official SDK read them:
// `#SLUG.KEY#` or `#SLUG.KEY,param0,param1,...#`, slug `[A-Z0-9]+`, key `[A-Z0-9_]+` (upper case only); the
// parameters are one CSV row, so a quoted parameter may hold `,` or `#` and `""` stands for one quote. Pure code,
// no I/O: browsers, edge workers, Deno and Node run the same parser.

/** One expression found in a text. */
export interface DictionaryExpression {
  /** The expression as written, `#` to `#`. */
  readonly source: string;
  readonly slug: string;
  readonly key: string;
  /** The parameters, unquoted; `$0`, `$1` ... in the dictionary's text are replaced by them. */
  readonly params: readonly string[];
  /** Index of the opening `#` in the text. */
  readonly start: number;
  /** Index just past the closing `#`. */
  readonly end: number;
}

const SLUG_CHAR = /[A-Z0-9]/;
const KEY_CHAR = /[A-Z0-9_]/;

/** Every expression of `text`, left to right. Text that only looks like one (`#abc`, `# A.B #`) is skipped. */
export function parseDictionaryExpressions(text: string): DictionaryExpression[] {
  const found: DictionaryExpression[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('#', from);
    if (start < 0) return found;
    const expression = readExpression(text, start);
    if (expression) {
      found.push(expression);
      from = expression.end;
    } else {
      // Not an expression: its `#` may still close nothing and open the next one.
      from = start + 1;
    }
  }
}

function readExpression(text: string, start: number): DictionaryExpression | undefined {
  let at = start + 1;
  const slugStart = at;
  while (at < text.length && SLUG_CHAR.test(text[at]!)) at++;
  if (at === slugStart || text[at] !== '.') return undefined;
  const slug = text.slice(slugStart, at);
  const keyStart = ++at;
  while (at < text.length && KEY_CHAR.test(text[at]!)) at++;
  if (at === keyStart) return undefined;
  const key = text.slice(keyStart, at);
  if (text[at] === '#') return { source: text.slice(start, at + 1), slug, key, params: [], start, end: at + 1 };
  if (text[at] !== ',') return undefined;
  const row = readCsvRow(text, at + 1);
  if (!row) return undefined;
  return { source: text.slice(start, row.end), slug, key, params: row.fields, start, end: row.end };
}

/** Reads CSV fields up to an unquoted `#`; undefined when the text ends first or a quote is left open. */
function readCsvRow(text: string, from: number): { fields: string[]; end: number } | undefined {
  const fields: string[] = [];
  let field = '';
  let at = from;
  let quoted = false;
  let fieldStart = true;
  while (at < text.length) {
    const ch = text[at]!;
    if (quoted) {
      if (ch === '"' && text[at + 1] === '"') {
        field += '"';
        at += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      at++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      at++;
      continue;
    }
    if (ch === ',') {
      // The platform's grammar has no empty parameter: `#A.B,,x#` is plain text.
      if (fieldStart) return undefined;
      fields.push(field);
      field = '';
      fieldStart = true;
      at++;
      continue;
    }
    if (ch === '#') {
      if (fieldStart) return undefined;
      fields.push(field);
      return { fields, end: at + 1 };
    }
    field += ch;
    fieldStart = false;
    at++;
  }
  return undefined;
}

/**
 * Puts the parameters into a dictionary text: `$0` ... `$99` become `params[n]`, each read once, left to right.
 * Two digits are taken when that parameter exists, else one (`$10` is parameter ten when there are eleven, else
 * parameter one followed by `0`). A `$n` without a parameter stays as written, so a missing argument shows. (The
 * official SDK replaces `$0`, `$1` ... one after another over the whole text, so a parameter holding `$1` is
 * substituted again; here inserted text is never read twice.)
 */
export function fillDictionaryParams(template: string, params: readonly string[]): string {
  return template.replace(/\$(\d)(\d?)/g, (whole, first: string, second: string) => {
    const two = Number(first + second);
    if (second && two < params.length) return params[two]!;
    const one = Number(first);
    return one < params.length ? params[one]! + second : whole;
  });
}

/**
 * Replaces every expression of `text` with `lookup(slug, key)` filled with its parameters; an expression whose
 * lookup answers undefined (unknown slug or key) is left unchanged.
 */
export function applyDictionary(text: string, lookup: (slug: string, key: string) => string | undefined): string {
  const expressions = parseDictionaryExpressions(text);
  if (expressions.length === 0) return text;
  let out = '';
  let from = 0;
  for (const expression of expressions) {
    const template = lookup(expression.slug, expression.key);
    out += text.slice(from, expression.start);
    out += template === undefined ? expression.source : fillDictionaryParams(template, expression.params);
    from = expression.end;
  }
  return out + text.slice(from);
}
