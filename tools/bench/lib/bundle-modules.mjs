// What each source module costs in an edge send-data worker, built exactly as the bundles group builds it:
// minified bytes per module (esbuild's metafile) and its marginal gzip bytes (the worker's gzip size minus the
// gzip size of the worker without that module's characters, found through the source map).
//   node tools/bench/lib/bundle-modules.mjs [createLeanClient | createEdgeClient]
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { buildOptions, edgeWorkerSource } from './bundles.mjs';
import { ROOT } from './util.mjs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source index of every generated column, line by line (the `mappings` field, VLQ-decoded). */
function sourceOfColumns(mappings) {
  const lines = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

export async function moduleCosts(factory = 'createLeanClient') {
  const options = buildOptions(`edge-${factory}`, edgeWorkerSource(factory));
  // Paths in the metafile and the source map are then both relative to the repository root.
  const result = await esbuild.build({
    ...options,
    absWorkingDir: ROOT,
    outfile: join(ROOT, 'worker.js'),
    sourcemap: 'external',
    metafile: true,
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map')).text);
  const columns = sourceOfColumns(map.mappings);
  // The owner of each character: the source of the last mapping at or before it.
  const owner = [];
  js.split('\n').forEach((line, i) => {
    const segments = columns[i] ?? [];
    let next = 0;
    let current = -1;
    for (let c = 0; c <= line.length; c++) {
      while (next < segments.length && segments[next][0] <= c) current = segments[next++][1];
      owner.push(current);
    }
  });
  const gzip = (text) => gzipSync(text, { level: 9 }).length;
  const total = gzip(js);
  const { inputs } = result.metafile.outputs['worker.js'];
  const rows = map.sources.map((source, index) => {
    let without = '';
    for (let i = 0; i < js.length; i++) if (owner[i] !== index) without += js[i];
    // A built package (@tagokit/api's dist) maps back to its sources; the metafile names the built file.
    const input = inputs[source] ?? inputs[source.replace('/src/', '/dist/').replace(/\.ts$/, '.js')];
    return { module: source, minified: input?.bytesInOutput ?? 0, marginalGzip: total - gzip(without) };
  });
  rows.sort((a, b) => b.marginalGzip - a.marginalGzip);
  return { raw: js.length, gzip: total, modules: rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { raw, gzip, modules } = await moduleCosts(process.argv[2]);
  console.log(`${process.argv[2] ?? 'createLeanClient'} send-data worker: ${raw} B minified, ${gzip} B gzip`);
  console.log('minified  marginal gzip  module');
  for (const m of modules)
    console.log(`${String(m.minified).padStart(8)}  ${String(m.marginalGzip).padStart(13)}  ${m.module}`);
}
