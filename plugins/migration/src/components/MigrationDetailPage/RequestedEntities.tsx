import { memo } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';

/** Most entities named as links; beyond it the line says how many more of each kind. */
export const MAX_LINKED_ENTITIES = 5;

/** "4,990 resources, 3 systems": how many refs of each kind, most first. */
export function countByKind(refs: string[]): string {
  const counts = new Map<string, number>();
  for (const ref of refs) {
    let kind = 'entity';
    try {
      kind = parseEntityRef(ref, { defaultKind: 'resource' }).kind;
    } catch {
      // A malformed ref still counts, as an entity.
    }
    const key = kind.toLocaleLowerCase('en-US');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => {
      const plural = kind.endsWith('y')
        ? `${kind.slice(0, -1)}ies`
        : `${kind}s`;
      return `${n.toLocaleString('en-US')} ${n === 1 ? kind : plural}`;
    })
    .join(', ');
}

/**
 * The entities a migration was requested for. A few are links; a long list names the first
 * few and summarises the rest — rendering a link per entity for thousands of them kept the page
 * busy for minutes. Re-renders only when the refs change, not on every status refresh.
 */
export const RequestedEntities = memo(
  (props: { entityRefs: string[] }) => {
    const { entityRefs } = props;
    if (entityRefs.length <= MAX_LINKED_ENTITIES + 1) {
      return <EntityRefLinks entityRefs={entityRefs} defaultKind="resource" />;
    }
    const rest = entityRefs.slice(MAX_LINKED_ENTITIES);
    return (
      <>
        <EntityRefLinks
          entityRefs={entityRefs.slice(0, MAX_LINKED_ENTITIES)}
          defaultKind="resource"
        />
        {` and ${rest.length.toLocaleString('en-US')} more (${countByKind(
          entityRefs,
        )} in all)`}
      </>
    );
  },
  (before, after) =>
    before.entityRefs.length === after.entityRefs.length &&
    before.entityRefs.every((ref, i) => ref === after.entityRefs[i]),
);
