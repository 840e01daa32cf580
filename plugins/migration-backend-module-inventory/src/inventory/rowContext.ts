import type { DiscoveryReporter } from '@sirsi-nexus/plugin-migration-node';
import type { RowContext } from './formats/types';
import type { InventorySource } from './sources';

/**
 * The environment and default region resources are read into. An inventory document's
 * `environment` block may set them while the files are collected.
 */
export interface InventoryScope {
  environmentId: string;
  region?: string;
}

/** The counters and warnings of a read. */
export type InventoryReporter = Pick<DiscoveryReporter, 'warn' | 'count'>;

/** What the row parsers of one file report to and read resources into. */
export function rowContext(
  source: InventorySource,
  scope: InventoryScope,
  reporter: InventoryReporter,
  decimalComma = false,
): RowContext {
  return {
    file: source.label,
    environmentId: scope.environmentId,
    region: scope.region,
    decimalComma,
    reject(line, message) {
      reporter.count('rowsRejected');
      reporter.warn(`${source.label} line ${line}: ${message}; row skipped`);
    },
    warn(line, message) {
      reporter.warn(`${source.label} line ${line}: ${message}`);
    },
  };
}
