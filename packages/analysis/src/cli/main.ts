// `tagokit analysis run <file>`: the entry of bin/tagokit.mjs. Answers the exit code; never throws.
import { EXIT, parseArgs, USAGE, UsageError } from './args.ts';
import { EmulatorUnavailableError } from './emulator.ts';
import { formatReport } from './report.ts';
import { runLocally } from './run.ts';

export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function main(argv: readonly string[], output: CliOutput = processOutput): Promise<number> {
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      output.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    const report = await runLocally(command.run);
    output.stdout(command.run.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`tagokit: ${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof EmulatorUnavailableError) {
      output.stderr(`tagokit: ${error.message}\n`);
      return EXIT.emulator;
    }
    output.stderr(`tagokit: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.analysisFailed;
  }
}

export { EXIT, USAGE } from './args.ts';
export type { RunReport } from './run.ts';
export { changeLines, formatReport } from './report.ts';
