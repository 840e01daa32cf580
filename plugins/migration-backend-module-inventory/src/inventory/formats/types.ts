/**
 * File formats the inventory provider reads.
 *
 * @public
 */
export type InventoryFormat =
  | 'rvtools-vinfo'
  | 'rvtools-vdisk'
  | 'rvtools-vnetwork'
  | 'rvtools-vpartition'
  | 'rvtools-vhost'
  | 'azure-migrate-servers'
  | 'azure-migrate-dependencies'
  | 'inventory-document'
  | 'inventory-lines';

/** Every format, for config validation and messages. */
export const INVENTORY_FORMATS: InventoryFormat[] = [
  'rvtools-vinfo',
  'rvtools-vdisk',
  'rvtools-vnetwork',
  'rvtools-vpartition',
  'rvtools-vhost',
  'azure-migrate-servers',
  'azure-migrate-dependencies',
  'inventory-document',
  'inventory-lines',
];

/** What a row parser needs besides the row. */
export interface RowContext {
  /** The file, and for a workbook the sheet (`RVTools.xlsx sheet vInfo`), as messages name it. */
  file: string;
  /** How messages name a row's position: CSV `line`s, or a sheet's `row`s. Default `line`. */
  rowWord?: 'line' | 'row';
  environmentId: string;
  /** Default region of the environment's resources (`inventory.region`). */
  region?: string;
  decimalComma: boolean;
  /** Reports a row that is skipped, with its line. */
  reject(line: number, message: string): void;
  /** Reports a problem with a row that is still imported. */
  warn(line: number, message: string): void;
}
