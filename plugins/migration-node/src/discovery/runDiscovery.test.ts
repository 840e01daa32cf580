import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { CloudProvider, DiscoverOptions } from '../providers/types';
import { runDiscovery } from './runDiscovery';

function provider(
  resources: Partial<DiscoveredResource>[],
  warnings: number,
  fail?: Error,
): CloudProvider {
  return {
    id: 'inventory',
    environmentId: 'dc9',
    validate: async () => [],
    async *discover({ reporter }: DiscoverOptions = {}) {
      for (let i = 0; i < warnings; i++) reporter?.warn(`warning ${i}`);
      reporter?.count('rowsRead', resources.length);
      for (const r of resources) yield r as DiscoveredResource;
      if (fail) throw fail;
    },
  };
}

describe('runDiscovery', () => {
  it('counts resources by kind and keeps the first warnings', async () => {
    const seen: string[] = [];
    const summary = await runDiscovery(
      provider(
        [
          { kind: 'vm', externalId: 'a' },
          { kind: 'vm', externalId: 'b' },
          { kind: 'disk', externalId: 'c' },
        ],
        5,
      ),
      { maxWarnings: 3, onResource: r => void seen.push(r.externalId) },
    );
    expect(summary).toMatchObject({
      environmentId: 'dc9',
      countsByKind: { vm: 2, disk: 1 },
      total: 3,
      warnings: ['warning 0', 'warning 1', 'warning 2'],
      stats: { rowsRead: 3, warningsDropped: 2 },
    });
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('passes the provider error on', async () => {
    await expect(
      runDiscovery(
        provider([{ kind: 'vm' }], 0, new Error('credentials expired')),
      ),
    ).rejects.toThrow('credentials expired');
  });
});
