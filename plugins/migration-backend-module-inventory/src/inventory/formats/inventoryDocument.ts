import fs from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { InventoryFormat, RowContext } from './types';

/** The environment block of an inventory document. */
export interface InventoryDocumentEnvironment {
  id: string;
  title?: string;
  owner?: string;
  region?: string;
}

/** An inventory document (JSON or YAML) with the line of each resource. */
export interface ParsedInventoryDocument {
  environment?: InventoryDocumentEnvironment;
  files: { path: string; format?: InventoryFormat }[];
  resources: { line: number; value: unknown }[];
}

const SCHEMA_ID = 'https://sirsi-nexus.io/schemas/inventory/v1alpha1.json';

let validators:
  | { document: ValidateFunction; resource: ValidateFunction }
  | undefined;

/** The JSON schema of the inventory format, as shipped in `schemas/inventory.schema.json`. */
export function inventorySchema(): Record<string, any> {
  const file = resolvePackagePath(
    '@sirsi-nexus/plugin-migration-backend-module-inventory',
    'schemas/inventory.schema.json',
  );
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function getValidators() {
  if (!validators) {
    const schema = inventorySchema();
    const ajv = new Ajv({ allErrors: false, strict: false });
    ajv.addSchema(schema);
    // The envelope is checked on its own so one bad resource is reported and skipped, not fatal.
    const envelope = {
      ...schema,
      $id: `${SCHEMA_ID}#envelope`,
      properties: { ...schema.properties, resources: { type: 'array' } },
    };
    validators = {
      document: ajv.compile(envelope),
      resource: ajv.getSchema(`${SCHEMA_ID}#/definitions/resource`)!,
    };
  }
  return validators;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const error = errors?.[0];
  if (!error) return 'invalid';
  const where = error.instancePath || '(root)';
  let extra = '';
  if (error.keyword === 'additionalProperties') {
    extra = ` "${
      (error.params as { additionalProperty: string }).additionalProperty
    }"`;
  } else if (error.keyword === 'enum') {
    extra = ` (${(
      error.params as { allowedValues: unknown[] }
    ).allowedValues.join(', ')})`;
  }
  return `${where} ${error.message}${extra}`;
}

/**
 * Parses an inventory document written as JSON or YAML.
 *
 * @throws InputError naming the file (and line) when it is not a valid inventory document.
 */
export function parseInventoryDocument(
  text: string,
  file: string,
): ParsedInventoryDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new InputError(
      `${file} line ${error.linePos?.[0].line ?? 1}: not valid JSON or YAML: ${
        error.message.split('\n')[0]
      }`,
    );
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  const { document } = getValidators();
  if (!document(value)) {
    throw new InputError(
      `${file}: not a SirsiNexus inventory document: ${describeErrors(
        document.errors,
      )}`,
    );
  }

  const lines: number[] = [];
  const resourcesNode = doc.get('resources', true) as
    | { items?: { range?: [number, number, number] }[] }
    | undefined;
  for (const item of resourcesNode?.items ?? []) {
    lines.push(item.range ? lineCounter.linePos(item.range[0]).line : 0);
  }
  const resources = ((value.resources as unknown[]) ?? []).map((v, i) => ({
    line: lines[i] ?? 0,
    value: v,
  }));
  const files = ((value.files as unknown[]) ?? []).map(entry =>
    typeof entry === 'string'
      ? { path: entry }
      : (entry as { path: string; format?: InventoryFormat }),
  );
  return {
    environment: value.environment as InventoryDocumentEnvironment | undefined,
    files,
    resources,
  };
}

/** Checks one resource of an inventory document or JSON Lines file and normalises it. */
export function documentItemToResource(
  item: unknown,
  line: number,
  ctx: RowContext,
): DiscoveredResource | undefined {
  const { resource: validate } = getValidators();
  if (!validate(item)) {
    ctx.reject(line, `resource ${describeErrors(validate.errors)}`);
    return undefined;
  }
  const value = item as {
    id: string;
    kind: DiscoveredResource['kind'];
    name: string;
    region?: string;
    zone?: string;
    specs?: DiscoveredResource['specs'];
    tags?: Record<string, string>;
    dependsOn?: string[];
    utilization?: DiscoveredResource['utilization'];
  };
  const resource: DiscoveredResource = {
    provider: 'inventory',
    environmentId: ctx.environmentId,
    externalId: value.id.toLowerCase(),
    kind: value.kind,
    name: value.name,
    specs: value.specs ?? {},
    tags: value.tags ?? {},
    dependsOn: (value.dependsOn ?? []).map(d => d.toLowerCase()),
    raw: { source: 'inventory', file: ctx.file, line },
  };
  const region = value.region ?? ctx.region;
  if (region) resource.region = region;
  if (value.zone) resource.zone = value.zone;
  if (value.utilization) resource.utilization = value.utilization;
  return resource;
}
