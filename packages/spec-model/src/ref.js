import { SpecLoadError } from './errors.js';

/**
 * The keys a local reference (`#/components/schemas/A~1B`) walks, decoded: the fragment is percent-decoded first
 * (it is a URI fragment), then each JSON-pointer token turns `~1` into `/` and `~0` into `~`, in that order.
 * @param {string} ref
 * @returns {string[]}
 */
export function pointerTokens(ref) {
  if (ref === '#') return [];
  if (!ref.startsWith('#/')) {
    throw new SpecLoadError(`Only local references are supported, found ${ref} (bundle the spec first)`);
  }
  let pointer;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    throw new SpecLoadError(`Reference ${ref} is not a valid URI fragment (bad percent-encoding)`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The node a `$ref` chain ends at; a node without `$ref` comes back as it is. The spec's only resolver: every spec
 * reader (generator, emulator, contract harness, spec scripts) follows references through it, so all of them
 * agree on what a schema is. A cycle, a remote reference or a missing target is an error naming the references.
 * @template [T=any]
 * @param {object} doc the document the references point into
 * @param {unknown} node
 * @returns {T}
 */
export function resolveRef(doc, node) {
  let current = /** @type {any} */ (node);
  /** @type {string[]} */
  const chain = [];
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = /** @type {string} */ (current.$ref);
    if (chain.includes(ref)) throw new SpecLoadError(`Reference cycle: ${[...chain, ref].join(' -> ')}`);
    chain.push(ref);
    /** @type {any} */
    let target = doc;
    for (const key of pointerTokens(ref)) {
      target = target !== null && typeof target === 'object' && Object.hasOwn(target, key) ? target[key] : undefined;
      if (target === undefined) break;
    }
    if (target === undefined) {
      const via = chain.length > 1 ? ` (reached through ${chain.slice(0, -1).join(' -> ')})` : '';
      throw new SpecLoadError(`Unresolved reference ${ref}${via}`);
    }
    current = target;
  }
  return current;
}
