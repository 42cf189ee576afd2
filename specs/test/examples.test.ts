import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectOperations } from '../scripts/operations.mjs';
import { createValidator } from '@tagokit/contract/schema-validator';
import { resolveRef } from '@tagokit/spec-model';

const bundle = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'dist', 'tagoio.openapi.json'), 'utf8'));
const validate = createValidator(bundle);
const deref = (node: any): any => resolveRef(bundle, node);

type Case = { where: string; schema: unknown; value: unknown };
const cases: Case[] = [];
for (const op of collectOperations(bundle)) {
  const id = op.operationId;
  const media = (content: Record<string, any> | undefined, label: string) => {
    for (const [type, m] of Object.entries(content ?? {})) {
      if (!m.schema) continue;
      for (const [name, ex] of Object.entries<any>(m.examples ?? {}))
        cases.push({ where: `${id} ${label} ${type} example "${name}"`, schema: m.schema, value: deref(ex).value });
      if (m.example !== undefined)
        cases.push({ where: `${id} ${label} ${type} example`, schema: m.schema, value: m.example });
    }
  };
  media(deref(op.raw.requestBody)?.content, 'request');
  for (const [code, response] of Object.entries<any>(op.raw.responses ?? {}))
    media(deref(response).content, `response ${code}`);
  for (const p of op.parameters) {
    if (p.example !== undefined && p.schema)
      cases.push({ where: `${id} parameter ${p.name}`, schema: p.schema, value: p.example });
  }
}

describe('every example in the bundled spec validates against its schema (ajv, JSON Schema 2020-12)', () => {
  it('finds examples for every operation', () => {
    const ops = collectOperations(bundle);
    expect(ops.length).toBeGreaterThanOrEqual(265);
    expect(cases.length).toBeGreaterThan(ops.length * 2);
  });
  it.each(cases.map((c) => [c.where, c] as const))('%s', (_, c) => {
    expect(validate(c.schema, c.value)).toEqual([]);
  });
});

describe('the validator itself', () => {
  it('rejects a wrong example', () => {
    const schema = { $ref: '#/components/schemas/DataCreate' };
    expect(validate(schema, { variable: 'temperature', value: 1 })).toEqual([]);
    expect(validate(schema, { value: 1 })).not.toEqual([]);
    expect(validate(schema, { variable: 'x'.repeat(101) })).not.toEqual([]);
    expect(validate({ $ref: '#/components/schemas/DateTime' }, 'yesterday')).not.toEqual([]);
  });
});
