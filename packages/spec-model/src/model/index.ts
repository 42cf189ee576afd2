import type { OpenApiDocument } from '../index.js';
import { buildOperation, rawOperations } from './operation.js';
import { schemeKinds } from './security.js';
import { ModelError, type ApiModel, type GroupModel } from './types.js';

export * from './types.js';

/** Builds the model of a whole spec and refuses anything two emitters could not agree on. */
export function buildModel(doc: OpenApiDocument): ApiModel {
  // The scheme table is read once per spec, not once per operation.
  const schemes = schemeKinds(doc.components?.securitySchemes);
  const operations = rawOperations(doc).map(({ path, method, raw, pathParameters }) =>
    buildOperation(doc, path, method, raw, pathParameters, schemes),
  );
  const ids = new Set<string>();
  const groups = new Map<string, GroupModel>();
  const tagDescriptions = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? '']));
  for (const op of operations) {
    if (ids.has(op.id)) throw new ModelError(`operationId ${op.id} is used twice`);
    ids.add(op.id);
    let group = groups.get(op.group);
    if (!group) {
      group = { name: op.group, tag: op.tag, description: tagDescriptions.get(op.tag) ?? '', operations: [] };
      groups.set(op.group, group);
    } else if (group.tag !== op.tag) {
      throw new ModelError(`tags "${group.tag}" and "${op.tag}" both become the client group "${op.group}"`);
    }
    for (const name of [op.methodName, ...op.methodAliases]) {
      const clash = group.operations.find((o) => o.methodName === name || o.methodAliases.includes(name));
      if (clash) throw new ModelError(`${op.id} and ${clash.id} both use x-tago-method "${name}" in ${op.tag}`);
    }
    group.operations.push(op);
  }
  // Order by the spec's tag list, then by first appearance: stable output for stable input.
  const tagOrder = (doc.tags ?? []).map((t) => t.name);
  const sorted = [...groups.values()].sort((a, b) => rank(tagOrder, a.tag) - rank(tagOrder, b.tag));
  return { title: doc.info.title, version: doc.info.version, operations, groups: sorted };
}

function rank(order: string[], tag: string): number {
  const i = order.indexOf(tag);
  return i < 0 ? order.length : i;
}

export { ModelError };

export { isPathVariant } from './operation.js';
