// One consumer project checked as `tsc -p <dir>` checks it, timed to the tenth of a millisecond: tsc's
// --extendedDiagnostics prints check time in 10 ms steps, coarser than the differences the goal judges. Run in a
// fresh process per measurement (the checker's first run includes compiling its own code, as tsc's does).
// Prints one JSON line: { checkMs, errors }.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BENCH } from './util.mjs';

const ts = createRequire(import.meta.url)(join(BENCH, 'node_modules', 'typescript'));
const dir = process.argv[2];
const config = ts.getParsedCommandLineOfConfigFile(
  join(dir, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const host = ts.createCompilerHost(config.options);
// What tsc itself sets: JSDoc in .ts/.d.ts files is parsed only where it can hold type errors.
host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
ts.performance.enable();
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
const diagnostics = ts.getPreEmitDiagnostics(program);
const checkMs = ts.performance.getDuration('Check');
const errors = diagnostics.slice(0, 5).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
console.log(JSON.stringify({ checkMs, errors }));
