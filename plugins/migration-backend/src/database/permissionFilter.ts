import { NotAllowedError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import type { MigrationRuleQuery } from '../service/permissions/migrationRules';
import type { MigrationRowFilter } from './MigrationStore';

/** The columns a rule may query (the only text put into SQL unbound). */
const COLUMNS: string[] = ['owner', 'requested_by'];

/**
 * Turns the criteria of a conditional permission decision (its conditions already translated by
 * the migration rules) into a filter of `migrations` rows: `allOf`, `anyOf` and `not` nest, each
 * condition keeps the rows whose owner or requester is one of its refs (lower-case).
 */
export function toMigrationRowFilter(
  criteria: PermissionCriteria<MigrationRuleQuery>,
): MigrationRowFilter {
  return query => {
    apply(query, criteria);
  };
}

function apply(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<MigrationRuleQuery>,
) {
  if ('allOf' in criteria) {
    for (const part of criteria.allOf) {
      query.where(q => apply(q, part));
    }
  } else if ('anyOf' in criteria) {
    for (const part of criteria.anyOf) {
      query.orWhere(q => apply(q, part));
    }
  } else if ('not' in criteria) {
    query.whereNot(q => apply(q, criteria.not));
  } else {
    if (!COLUMNS.includes(criteria.column)) {
      throw new NotAllowedError(
        `column: a migration rule queried the unknown column "${criteria.column}"`,
      );
    }
    const values = [
      ...new Set(criteria.values.map(v => v.toLocaleLowerCase('en-US'))),
    ];
    if (values.length === 0) {
      query.whereRaw('1 = 0');
    } else {
      query.whereRaw(
        `lower(migrations.${criteria.column}) in (${values
          .map(() => '?')
          .join(', ')})`,
        values,
      );
    }
  }
}
