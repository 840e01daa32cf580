import {
  DefaultNamespaceEntityPolicy,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  resourceEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const schemaPolicy = new SchemaValidEntityPolicy();
/** The catalog's default entity policies, in the catalog's order. */
const policies = [
  schemaPolicy,
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
];

// The envelope and Resource schemas compile on their first use, some 80 ms in one go: done when
// this module loads, so the first discovery run does not hold the event loop that long.
{
  const sample: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'sample', namespace: 'default' },
    spec: { type: 'virtual-machine', owner: 'group:default/sample' },
  };
  schemaPolicy.enforce(sample).catch(() => {});
  resourceEntityV1alpha1Validator.check(sample).catch(() => {});
}

/**
 * Checks an entity the way the catalog does before it stores it: the default entity policies
 * (envelope schema, namespace, root fields, field formats) and the `Resource` kind schema.
 *
 * @returns the entity as the catalog would store it.
 * @throws InputError naming the entity and what is wrong.
 *
 * @public
 */
export async function validateResourceEntity(entity: Entity): Promise<Entity> {
  const name = entity?.metadata?.name ?? '<unnamed>';
  try {
    let checked: Entity | undefined = entity;
    for (const policy of policies) {
      checked = await policy.enforce(checked);
      if (!checked) throw new Error('rejected by the catalog entity policies');
    }
    if (!(await resourceEntityV1alpha1Validator.check(checked))) {
      throw new Error(`kind ${entity.kind} is not a Resource`);
    }
    return checked;
  } catch (error) {
    throw new InputError(
      `Entity resource:default/${name} is not valid: ${
        (error as Error).message
      }`,
      error,
    );
  }
}
