#!/usr/bin/env node
// tagokit analysis run <file> [options]: see `tagokit --help` and the package README.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
