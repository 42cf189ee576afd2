import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { BANNER_MARK } from './emit/banner.js';
import type { GeneratedFile } from './targets/index.js';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** With `check`: files whose content differs, is missing, or is a generated leftover. */
  drifted: string[];
}

// Generated paths are '/'-separated on every OS; they are compared as such (posix), and only joined to `root`
// with the platform's separator to touch the disk, so a Windows checkout does not see its own files as stale.

/** The folders the generator owns; a generated file there (banner in its first lines) that it no longer produces is stale. */
function ownedDirs(files: GeneratedFile[]): string[] {
  return [...new Set(files.map((f) => posix.dirname(f.path)))];
}

/** Writes the files (only those that changed), removes stale generated ones; or, with `check`, only compares. */
export function writeFiles(root: string, files: GeneratedFile[], check: boolean): WriteReport {
  const report: WriteReport = { written: [], unchanged: [], removed: [], drifted: [] };
  const wanted = new Set(files.map((f) => f.path));
  for (const file of files) {
    const target = join(root, file.path);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === file.text) {
      report.unchanged.push(file.path);
    } else if (check) {
      report.drifted.push(file.path);
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.text);
      report.written.push(file.path);
    }
  }
  for (const dir of ownedDirs(files)) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs)) {
      const rel = posix.join(dir, name);
      if (
        wanted.has(rel) ||
        !statSync(join(abs, name)).isFile() ||
        !readFileSync(join(abs, name), 'utf8').slice(0, 300).includes(BANNER_MARK)
      )
        continue;
      if (check) report.drifted.push(rel);
      else {
        rmSync(join(abs, name));
        report.removed.push(rel);
      }
    }
  }
  return report;
}
