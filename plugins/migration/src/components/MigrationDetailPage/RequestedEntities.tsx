import { memo } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import { resourcesCount } from '../shared/involvement';

/** Most entities named as links; a longer selection is summarised by kind. */
export const MAX_LINKED_ENTITIES = 6;

function kindOf(ref: string): string {
  try {
    return parseEntityRef(ref, {
      defaultKind: 'resource',
    }).kind.toLocaleLowerCase('en-US');
  } catch {
    return 'entity'; // A malformed ref still counts, as an entity.
  }
}

function plural(kind: string, n: number): string {
  if (n === 1) return kind;
  return kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`;
}

/** "4,990 resources, 3 systems": how many refs of each kind, most first. */
export function countByKind(refs: string[]): string {
  const counts = new Map<string, number>();
  for (const ref of refs) {
    const kind = kindOf(ref);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n.toLocaleString('en-US')} ${plural(kind, n)}`)
    .join(', ');
}

/**
 * What a long selection stands for in one line: "5,000 resources in 3 systems" when systems or
 * groups were resolved to `resourceCount` resources, else the selection counted by kind.
 */
export function summarizeSelection(
  entityRefs: string[],
  resourceCount?: number,
): string {
  const containers = entityRefs.filter(ref => kindOf(ref) !== 'resource');
  if (resourceCount === undefined) return countByKind(entityRefs);
  if (containers.length === 0) return resourcesCount(resourceCount);
  const direct = entityRefs.length - containers.length;
  return `${resourcesCount(resourceCount)} in ${countByKind(containers)}${
    direct > 0 ? ` and ${resourcesCount(direct)} named` : ''
  }`;
}

/** Properties of {@link RequestedEntities}. */
export interface RequestedEntitiesProps {
  entityRefs: string[];
  /** Resources the selection resolved to (systems and groups expanded), when the API says. */
  resourceCount?: number;
  /** Where the resources are listed one by one (the assessment's resources table). */
  tableLink?: string;
}

const sameProps = (a: RequestedEntitiesProps, b: RequestedEntitiesProps) =>
  a.resourceCount === b.resourceCount &&
  a.tableLink === b.tableLink &&
  a.entityRefs.length === b.entityRefs.length &&
  a.entityRefs.every((ref, i) => ref === b.entityRefs[i]);

/**
 * The entities a migration was requested for: "13 resources in Web Shop" with the system linked,
 * or for a long selection one line — "5,000 resources in 3 systems" — with a link to the
 * resources table. A link per entity for thousands of them kept the page busy for minutes, so no
 * more than {@link MAX_LINKED_ENTITIES} are ever links. Re-renders only when its inputs change,
 * not on every status refresh.
 */
export const RequestedEntities = memo((props: RequestedEntitiesProps) => {
  const { entityRefs, resourceCount, tableLink } = props;
  if (entityRefs.length <= MAX_LINKED_ENTITIES) {
    const onlyResources = entityRefs.every(ref => kindOf(ref) === 'resource');
    const prefix =
      resourceCount !== undefined && !onlyResources
        ? `${resourcesCount(resourceCount)} in `
        : '';
    return (
      <>
        {prefix}
        <EntityRefLinks entityRefs={entityRefs} defaultKind="resource" />
      </>
    );
  }
  return (
    <>
      {summarizeSelection(entityRefs, resourceCount)}
      {tableLink && (
        <>
          {' · '}
          <Link to={tableLink}>see the resources table</Link>
        </>
      )}
    </>
  );
}, sameProps);
