import type { Entity } from '@backstage/catalog-model';
import {
  fileInventorySource,
  readInventory,
} from '@sirsi-nexus/plugin-migration-backend-module-inventory';
import { resourceToEntity } from '@sirsi-nexus/plugin-migration-node';
import path from 'node:path';

/** The demo estate of data centre dc1 shipped in examples/inventory/dc1. */
export const EXAMPLE_INVENTORY = path.resolve(
  __dirname,
  '../../../../examples/inventory/dc1/dc1.inventory.yaml',
);

/**
 * The example estate's resources as the catalog module maps them, optionally only those whose
 * name passes `filter`.
 */
export async function exampleEntities(
  filter: (name: string) => boolean = () => true,
): Promise<Entity[]> {
  const entities: Entity[] = [];
  for await (const resource of readInventory(
    [fileInventorySource(EXAMPLE_INVENTORY)],
    { environmentId: 'dc1' },
  )) {
    if (filter(resource.name)) {
      entities.push(
        resourceToEntity(resource, {
          owner: 'group:default/platform-engineering',
        }),
      );
    }
  }
  return entities;
}
