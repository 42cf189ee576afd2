// The ES5 subset the MCU client keeps to, with Espruino's quirks encoded as rules. Linted in place: the hand-written
// runtime (src/runtime) and the generated operation tables (src/generated); dist/ is what the build assembles.
const espruino = {
  // Declare before use: Espruino does not hoist inside functions, so no inner declarations and no use before var.
  'no-use-before-define': ['error', { functions: false, classes: true, variables: true }],
  'no-inner-declarations': ['error', 'both'],
  // No reliance on automatic semicolon insertion.
  semi: ['error', 'always'],
  'no-labels': 'error',
  'no-restricted-syntax': [
    'error',
    { selector: 'Literal[regex]', message: 'No regular expressions: Espruino builds may lack them and they cost RAM.' },
    { selector: 'ClassDeclaration, ClassExpression', message: 'No classes, so no Error subclassing: errors are plain objects.' },
    { selector: 'NewExpression[callee.name="Error"]', message: 'Errors are plain objects, not Error instances.' },
    { selector: 'ForInStatement', message: 'Do not rely on key order or inherited keys: use Object.keys and explicit order.' },
  ],
  'no-restricted-globals': ['error', { name: 'RegExp', message: 'No regular expressions.' }],
  'no-restricted-properties': [
    'error',
    { object: 'Object', property: 'freeze', message: 'Object.freeze is missing or a no-op on Espruino.' },
    { object: 'Array', property: 'from', message: 'Array.from is ES2015.' },
    { property: 'lastIndexOf', message: 'lastIndexOf is missing on some Espruino builds.' },
    { object: 'Number', property: 'isFinite', message: 'Number.isX is ES2015: use the global isFinite/isNaN.' },
    { object: 'Number', property: 'isNaN', message: 'Number.isX is ES2015.' },
    { object: 'Number', property: 'isInteger', message: 'Number.isX is ES2015.' },
    { object: 'Math', property: 'trunc', message: 'Math.trunc is ES2015.' },
    { object: 'Object', property: 'setPrototypeOf', message: 'No Error subclassing.' },
  ],
  'no-undef': 'error',
};

const globals = {
  module: 'writable', exports: 'writable', require: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
  fetch: 'readonly', Promise: 'readonly', JSON: 'readonly', Object: 'readonly', Array: 'readonly', String: 'readonly', Number: 'readonly',
  Math: 'readonly', Date: 'readonly', isNaN: 'readonly', isFinite: 'readonly', encodeURIComponent: 'readonly', undefined: 'readonly',
};

export default [
  // Built files are checked by es-check only (terser drops the semicolon before a closing brace).
  { ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.config.*'] },
  {
    files: ['src/**/*.js', 'examples/espruino/**/*.js'],
    ignores: ['src/runtime/moddable-module.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { ...globals, print: 'readonly', E: 'readonly', setInterval: 'readonly' } },
    rules: espruino,
  },
  // An operation table is put into the runtime after Client (and, in the tiny one, defineOperations) is declared.
  { files: ['src/generated/**/*.js'], languageOptions: { globals: { Client: 'readonly', defineOperations: 'readonly' } } },
  // shared.js comes first in every build, so both runtimes and the adapters use its helpers.
  {
    files: ['src/runtime/runtime.js', 'src/runtime/tiny.js', 'src/runtime/espruino.js', 'src/runtime/moddable.js'],
    languageOptions: {
      globals: Object.fromEntries(['isObj', 'str', 'find', 'fault', 'verr', 'validateToken', 'isDigits', 'whole',
        'asciiJson'].map((name) => [name, 'readonly'])),
    },
  },
  // Its functions are used by the files that follow it in a build.
  { files: ['src/runtime/shared.js'], rules: { 'no-unused-vars': 'off' } },
  {
    files: ['src/runtime/moddable-module.js', 'examples/moddable/**/*.js'],
    languageOptions: { ecmaVersion: 2015, sourceType: 'module', globals: { ...globals, trace: 'readonly' } },
    rules: espruino,
  },
];
