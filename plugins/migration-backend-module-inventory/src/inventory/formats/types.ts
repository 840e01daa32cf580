/**
 * File formats the inventory provider reads.
 *
 * @public
 */
export type InventoryFormat =
  | 'rvtools-vinfo'
  | 'rvtools-vdisk'
  | 'rvtools-vnetwork'
  | 'azure-migrate-servers'
  | 'azure-migrate-dependencies'
  | 'inventory-document'
  | 'inventory-lines';

/** Every format, for config validation and messages. */
export const INVENTORY_FORMATS: InventoryFormat[] = [
  'rvtools-vinfo',
  'rvtools-vdisk',
  'rvtools-vnetwork',
  'azure-migrate-servers',
  'azure-migrate-dependencies',
  'inventory-document',
  'inventory-lines',
];

/** What a row parser needs besides the row. */
export interface RowContext {
  file: string;
  environmentId: string;
  /** Default region of the environment's resources (`inventory.region`). */
  region?: string;
  decimalComma: boolean;
  /** Reports a row that is skipped, with its line. */
  reject(line: number, message: string): void;
  /** Reports a problem with a row that is still imported. */
  warn(line: number, message: string): void;
}
