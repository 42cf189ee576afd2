import { join } from 'node:path';

export const EDGE_DIR = join(import.meta.dirname, '..', '..');
export const PACKAGES_DIR = join(EDGE_DIR, '..');
export const WORKERS_DIR = join(EDGE_DIR, 'test', 'workers');
export const README = join(EDGE_DIR, 'README.md');
/** A token of the form every kind accepts in the mock (the node contract suite uses the same). */
export const MOCK_TOKEN = 'p-00000000-0000-4000-8000-000000000000';
