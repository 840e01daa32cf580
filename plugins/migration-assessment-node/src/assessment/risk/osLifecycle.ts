import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { OsSpec } from '@sirsi-nexus/plugin-migration-common';
import fs from 'node:fs';
import { z } from 'zod';

const entrySchema = z.object({
  id: z.string(),
  name: z.string(),
  family: z.enum(['windows', 'linux', 'other']),
  pattern: z.string(),
  endOfSupport: z.string().optional(),
  paidExtensionUntil: z.string().optional(),
  notSupportedOn: z.array(z.string()),
  source: z.string(),
});

const tableSchema = z.object({
  asOf: z.string(),
  notes: z.string().optional(),
  entries: z.array(entrySchema),
});

/**
 * One operating system release of the lifecycle table (`data/os-lifecycle.json`).
 *
 * @public
 */
export type OsLifecycleEntry = z.infer<typeof entrySchema>;

/** The reported name and version, either alone when the other is missing. */
function osText(os: OsSpec): string {
  if (!os.version) return (os.name ?? '').trim();
  return (os.name ? `${os.name} ${os.version}` : os.version).trim();
}

/**
 * The dated table of operating system end-of-support dates and target support.
 *
 * @public
 */
export class OsLifecycleTable {
  private readonly compiled: Array<{ entry: OsLifecycleEntry; re: RegExp }>;
  private readonly memo = new Map<string, OsLifecycleEntry | undefined>();

  constructor(readonly asOf: string, entries: OsLifecycleEntry[]) {
    this.compiled = entries.map(entry => ({
      entry,
      re: new RegExp(entry.pattern, 'i'),
    }));
  }

  /** The table shipped in `data/os-lifecycle.json`. */
  static shipped(): OsLifecycleTable {
    const file = resolvePackagePath(
      '@sirsi-nexus/plugin-migration-assessment-node',
      'data',
      'os-lifecycle.json',
    );
    const table = tableSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return new OsLifecycleTable(table.asOf, table.entries);
  }

  /** The release an OS name/version matches (first pattern that matches wins). */
  lookup(os: OsSpec | undefined): OsLifecycleEntry | undefined {
    if (!os) return undefined;
    const text = osText(os);
    if (!text) return undefined;
    if (this.memo.has(text)) return this.memo.get(text);
    const found = this.compiled.find(c => c.re.test(text))?.entry;
    this.memo.set(text, found);
    return found;
  }
}
