import { normalizeHeader } from '../csv/columns';
import type { InventoryFormat } from './types';

/** Human names of the formats, for messages. */
export const FORMAT_LABELS: Record<InventoryFormat, string> = {
  'rvtools-vinfo': 'RVTools vInfo',
  'rvtools-vdisk': 'RVTools vDisk',
  'rvtools-vnetwork': 'RVTools vNetwork',
  'rvtools-vpartition': 'RVTools vPartition',
  'rvtools-vhost': 'RVTools vHost',
  'azure-migrate-servers': 'Azure Migrate server import',
  'azure-migrate-dependencies': 'Azure Migrate dependency export',
  'inventory-document': 'SirsiNexus inventory document',
  'inventory-lines': 'SirsiNexus inventory JSON Lines',
};

/** Whether a file is read as CSV, as a whole document, or line by line. */
export function formatFamily(
  format: InventoryFormat,
): 'csv' | 'document' | 'lines' {
  if (format === 'inventory-document') return 'document';
  if (format === 'inventory-lines') return 'lines';
  return 'csv';
}

/** The format a file name suggests, when its extension says it is not CSV. */
export function formatFromFileName(name: string): InventoryFormat | undefined {
  const path = name.split(/[?#]/)[0].toLowerCase();
  if (/\.(jsonl|ndjson)$/.test(path)) return 'inventory-lines';
  if (/\.(json|ya?ml)$/.test(path)) return 'inventory-document';
  return undefined;
}

/** Whether a file name says it is an Excel workbook (RVTools writes `.xlsx`). */
export function isWorkbookName(name: string): boolean {
  return /\.xlsx$/.test(name.split(/[?#]/)[0].toLowerCase());
}

const SHEETS: Record<string, InventoryFormat> = {
  vinfo: 'rvtools-vinfo',
  vdisk: 'rvtools-vdisk',
  vnetwork: 'rvtools-vnetwork',
  vpartition: 'rvtools-vpartition',
  vhost: 'rvtools-vhost',
};

/**
 * The format of a sheet of an RVTools workbook, by its tab name; by its header when the workbook
 * names no sheet. Undefined for the tabs not read (vCPU, vMemory, vSnapshot ...).
 */
export function formatOfSheet(
  name: string | undefined,
  header: string[],
): InventoryFormat | undefined {
  if (name !== undefined) return SHEETS[name.trim().toLowerCase()];
  const format = formatFromHeader(header);
  // vCPU, vMemory, vSnapshot ... have a VM column too; vInfo is the one with CPUs and Memory.
  const columns = new Set(header.map(normalizeHeader));
  if (format === 'rvtools-vinfo') {
    return columns.has('cpus') && columns.has('memory') ? format : undefined;
  }
  return format?.startsWith('rvtools-') ? format : undefined;
}

/**
 * The CSV format a header belongs to; undefined when it matches none. Detection is lenient (a
 * vInfo header without `CPUs` is still vInfo) so the required-column check can say what is missing.
 */
export function formatFromHeader(
  header: string[],
): InventoryFormat | undefined {
  const columns = new Set(header.map(normalizeHeader));
  const has = (...names: string[]) =>
    names.some(n => columns.has(normalizeHeader(n)));
  if (
    has('Source server name', 'Source IP') ||
    has('Destination server name', 'Destination IP')
  ) {
    return 'azure-migrate-dependencies';
  }
  if (has('Server name')) return 'azure-migrate-servers';
  if (has('VM', 'VM Name')) {
    if (has('Consumed MiB', 'Consumed MB')) return 'rvtools-vpartition';
    if (has('Capacity MiB', 'Capacity MB')) return 'rvtools-vdisk';
    if (has('NIC label', 'Adapter', 'Mac Address') && !has('CPUs')) {
      return 'rvtools-vnetwork';
    }
    return 'rvtools-vinfo';
  }
  if (has('Host') && has('ESX Version', '# Cores', 'CPU Model')) {
    return 'rvtools-vhost';
  }
  return undefined;
}
