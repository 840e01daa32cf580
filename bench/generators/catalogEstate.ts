/**
 * The data of the catalog ingestion suite: an RVTools vInfo export and an Azure Migrate dependency
 * export of `vms` VMs (the discovery suite's generator), and the very entities the inventory
 * provider makes of them written as multi-document YAML files, for Backstage's own `file`
 * location to ingest. Also writes `expected.json`: the entity count and the relations the catalog
 * API must return once every entity is processed and stitched, and reads the catalog back to check
 * it (`readCatalogRelations`, `meetsExpectation`).
 *
 * `node <this file> <vms> <outDir> <environmentId> <owner>`: generates in a child process, so the
 * bench process's peak RSS is the backend's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { readInventory } from '../../plugins/migration-backend-module-inventory/src/inventory/readInventory';
import { fileInventorySource } from '../../plugins/migration-backend-module-inventory/src/inventory/sources';
import {
  resourceToEntity,
  validateResourceEntity,
} from '../../plugins/migration-node/src/catalog';
import { generateRvtoolsEstate } from './rvtoolsEstate';

/** Entities per YAML file. */
const PER_FILE = 1_000;

/** What the catalog must hold when ingestion is complete. */
export interface CatalogEstateExpectation {
  entities: number;
  /** Relations over all `Resource` entities as the catalog API returns them. */
  relations: number;
  /** An entity with dependencies, and the refs it depends on. */
  sample: { ref: string; owner: string; dependsOn: string[] };
  /** Mean size of an entity as JSON, in bytes. */
  meanEntityBytes: number;
}

/** The files of a generated estate in `dir`. */
export function catalogEstateFiles(dir: string) {
  return {
    vinfo: path.join(dir, 'rvtools-vinfo.csv'),
    dependencies: path.join(dir, 'dependencies.csv'),
    yamlDir: path.join(dir, 'yaml'),
    expected: path.join(dir, 'expected.json'),
  };
}

/**
 * Generates the inventory files of `vms` VMs (four dependency rows per VM), maps them as the
 * inventory provider does and writes the entities as YAML (1,000 documents a file).
 */
export async function generateCatalogEstate(options: {
  vms: number;
  dir: string;
  environmentId: string;
  owner: string;
}): Promise<CatalogEstateExpectation> {
  const files = catalogEstateFiles(options.dir);
  fs.mkdirSync(files.yamlDir, { recursive: true });
  await generateRvtoolsEstate({
    vms: options.vms,
    dependencies: options.vms * 4,
    vinfoFile: files.vinfo,
    dependencyFile: files.dependencies,
  });
  const entities: Entity[] = [];
  for await (const resource of readInventory(
    [fileInventorySource(files.vinfo), fileInventorySource(files.dependencies)],
    { environmentId: options.environmentId },
  )) {
    entities.push(
      await validateResourceEntity(
        resourceToEntity(resource, { owner: options.owner }),
      ),
    );
  }
  const expected = expectation(entities);
  for (let i = 0; i * PER_FILE < entities.length; i++) {
    const docs = entities
      .slice(i * PER_FILE, (i + 1) * PER_FILE)
      .map(e => stringify(e, { lineWidth: 0 }));
    fs.writeFileSync(
      path.join(files.yamlDir, `part-${String(i).padStart(4, '0')}.yaml`),
      docs.map(d => `---\n${d}`).join(''),
    );
  }
  fs.writeFileSync(files.expected, JSON.stringify(expected));
  return expected;
}

/**
 * Relations the API returns: on each entity `ownedBy`, `partOf` (with a system) and one
 * `dependsOn` per dependency; on each dependency that exists, the `dependencyOf` back.
 */
function expectation(entities: Entity[]): CatalogEstateExpectation {
  const refs = new Set(
    entities.map(e => `resource:default/${e.metadata.name}`),
  );
  let relations = 0;
  let bytes = 0;
  let sample: CatalogEstateExpectation['sample'] | undefined;
  for (const entity of entities) {
    const dependsOn = (entity.spec?.dependsOn as string[] | undefined) ?? [];
    relations += 1 + (entity.spec?.system ? 1 : 0) + dependsOn.length;
    relations += dependsOn.filter(ref => refs.has(ref)).length;
    bytes += JSON.stringify(entity).length;
    if (!sample && dependsOn.length >= 2) {
      sample = {
        ref: `resource:default/${entity.metadata.name}`,
        owner: entity.spec!.owner as string,
        dependsOn: [...dependsOn].sort(),
      };
    }
  }
  if (!sample) throw new Error('no entity with two dependencies generated');
  return {
    entities: entities.length,
    relations,
    sample,
    meanEntityBytes: Math.round(bytes / entities.length),
  };
}

const headers = {
  Authorization: mockCredentials.user.header('user:default/bench'),
};

/** Every Resource entity's name and relations, through the catalog API (by-query, paged). */
export async function readCatalogRelations(baseUrl: string) {
  const relations = new Map<string, { type: string; targetRef: string }[]>();
  let cursor: string | undefined;
  do {
    const query = cursor
      ? `cursor=${encodeURIComponent(cursor)}`
      : 'filter=kind=resource&fields=metadata.name,relations&limit=5000';
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?${query}`,
      { headers },
    );
    if (!res.ok) throw new Error(`by-query: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as {
      items: { metadata: { name: string }; relations?: any[] }[];
      pageInfo: { nextCursor?: string };
    };
    for (const item of page.items) {
      relations.set(
        `resource:default/${item.metadata.name}`,
        item.relations ?? [],
      );
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return relations;
}

/** Whether the catalog returns everything `expected` says, with the sample's relations both ways. */
export function meetsExpectation(
  all: Map<string, { type: string; targetRef: string }[]>,
  expected: CatalogEstateExpectation,
) {
  let relations = 0;
  for (const list of all.values()) relations += list.length;
  if (all.size !== expected.entities || relations !== expected.relations) {
    return { ok: false, relations };
  }
  const sample = all.get(expected.sample.ref) ?? [];
  const dependsOn = sample
    .filter(r => r.type === 'dependsOn')
    .map(r => r.targetRef)
    .sort();
  const back = expected.sample.dependsOn.every(ref =>
    (all.get(ref) ?? []).some(
      r => r.type === 'dependencyOf' && r.targetRef === expected.sample.ref,
    ),
  );
  const ok =
    JSON.stringify(dependsOn) === JSON.stringify(expected.sample.dependsOn) &&
    back &&
    sample.some(
      r => r.type === 'ownedBy' && r.targetRef === expected.sample.owner,
    );
  return { ok, relations };
}

if (require.main === module) {
  const [vms, dir, environmentId, owner] = process.argv.slice(2);
  generateCatalogEstate({ vms: Number(vms), dir, environmentId, owner }).catch(
    error => {
      console.error(error);
      process.exit(1);
    },
  );
}
