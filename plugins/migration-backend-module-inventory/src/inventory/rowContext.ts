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

/**
 * What the row parsers of one file report to and read resources into. Rows of a workbook's
 * `sheet` are named by sheet and row (`RVTools.xlsx sheet vInfo row 7`), CSV rows by line.
 */
export function rowContext(
  source: InventorySource,
  scope: InventoryScope,
  reporter: InventoryReporter,
  decimalComma = false,
  sheet?: string,
): RowContext {
  const file = sheet ? `${source.label} sheet ${sheet}` : source.label;
  const at = sheet ? 'row' : 'line';
  return {
    file,
    rowWord: at,
    environmentId: scope.environmentId,
    region: scope.region,
    decimalComma,
    reject(line, message) {
      reporter.count('rowsRejected');
      reporter.warn(`${file} ${at} ${line}: ${message}; row skipped`);
    },
    warn(line, message) {
      reporter.warn(`${file} ${at} ${line}: ${message}`);
    },
  };
}
