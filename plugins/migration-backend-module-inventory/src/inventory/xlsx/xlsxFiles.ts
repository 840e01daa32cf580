import type { Readable } from 'node:stream';
import { InputError } from '@backstage/errors';
import { mapColumns } from '../csv/columns';
import type { CompanionIndexes } from '../companionIndexes';
import { FORMAT_LABELS, formatOfSheet } from '../formats/detect';
import {
  VDISK_COLUMNS,
  VHOST_COLUMNS,
  VINFO_COLUMNS,
  VNETWORK_COLUMNS,
  VPARTITION_COLUMNS,
} from '../formats/rvtoolsColumns';
import type { InventoryFormat } from '../formats/types';
import {
  rowContext,
  type InventoryReporter,
  type InventoryScope,
} from '../rowContext';
import type { RvtoolsIndexes } from '../rvtoolsIndexes';
import type { InventorySource } from '../sources';
import { xlsxSheets, type XlsxSheet } from './readXlsx';

/** What reading the companion sheets of a workbook fills. */
export interface WorkbookIndexes {
  indexes: CompanionIndexes;
  rvtools: RvtoolsIndexes;
  scope: InventoryScope;
  reporter: InventoryReporter;
}

const COMPANION_COLUMNS = {
  'rvtools-vdisk': VDISK_COLUMNS,
  'rvtools-vnetwork': VNETWORK_COLUMNS,
} as const;

/** The vInfo sheet of a workbook (the first one when it has several); the sheets after it are not read. */
export async function* vInfoSheet(
  input: Readable,
  file: string,
): AsyncGenerator<XlsxSheet> {
  for await (const sheet of xlsxSheets(input, file)) {
    if (formatOfSheet(sheet.name, sheet.table.header) === 'rvtools-vinfo') {
      yield sheet;
      return;
    }
  }
}

/**
 * The first pass over an RVTools workbook: vDisk, vNetwork, vPartition and vHost are read into
 * their indexes, vInfo's header is checked (its rows wait for the second pass, when every
 * index is complete), other tabs are skipped.
 *
 * @throws InputError naming the file and sheet when a sheet misses required columns, or the
 * workbook has no vInfo sheet.
 */
export async function indexWorkbook(
  source: InventorySource,
  input: Readable,
  { indexes, rvtools, scope, reporter }: WorkbookIndexes,
): Promise<void> {
  const seen: string[] = [];
  let vInfo = false;
  for await (const sheet of xlsxSheets(input, source.label)) {
    seen.push(sheet.name ?? '(unnamed)');
    const format = formatOfSheet(sheet.name, sheet.table.header);
    if (!format) continue;
    const name = sheet.name ?? FORMAT_LABELS[format];
    const ctx = rowContext(source, scope, reporter, false, name);
    const { header } = sheet.table;
    if (format === 'rvtools-vinfo') {
      mapColumns(header, VINFO_COLUMNS, ctx.file, FORMAT_LABELS[format], 'row');
      vInfo = true;
    } else if (format === 'rvtools-vpartition' || format === 'rvtools-vhost') {
      await rvtools.index(format, sheet.table, ctx);
    } else if (format === 'rvtools-vdisk' || format === 'rvtools-vnetwork') {
      // Checked here so the message names the sheet's row 1, as every sheet's does.
      mapColumns(
        header,
        COMPANION_COLUMNS[format],
        ctx.file,
        FORMAT_LABELS[format],
        'row',
      );
      const table =
        format === 'rvtools-vdisk'
          ? rvtools.tapDiskKeys(sheet.table)
          : sheet.table;
      await indexes.index(format, table, ctx);
    }
  }
  if (!vInfo) {
    throw new InputError(
      `${
        source.label
      }: no vInfo sheet; an RVTools workbook has the VMs on its vInfo tab, this one has ${
        seen.length > 0 ? seen.join(', ') : 'no sheets with values'
      }`,
    );
  }
}

const SHEET_COLUMNS: Partial<
  Record<InventoryFormat, Record<string, { label: string; names: string[] }>>
> = {
  'rvtools-vinfo': VINFO_COLUMNS,
  ...COMPANION_COLUMNS,
  'rvtools-vpartition': VPARTITION_COLUMNS,
  'rvtools-vhost': VHOST_COLUMNS,
};

/** The RVTools tabs a workbook has that are read, for a validation message. */
export async function describeWorkbook(
  source: InventorySource,
  input: Readable,
): Promise<string> {
  const found: string[] = [];
  let vInfo = false;
  for await (const sheet of xlsxSheets(input, source.label)) {
    const format = formatOfSheet(sheet.name, sheet.table.header);
    if (!format) continue;
    const name = sheet.name ?? FORMAT_LABELS[format];
    const spec = SHEET_COLUMNS[format];
    if (spec) {
      mapColumns(
        sheet.table.header,
        spec,
        `${source.label} sheet ${name}`,
        FORMAT_LABELS[format],
        'row',
      );
    }
    found.push(name);
    vInfo ||= format === 'rvtools-vinfo';
  }
  if (!vInfo) {
    throw new InputError(`${source.label}: no vInfo sheet`);
  }
  return `RVTools workbook with the sheets ${found.join(', ')}`;
}
