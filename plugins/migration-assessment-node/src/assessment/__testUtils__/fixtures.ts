import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { AssessContext } from '../assess';
import { PriceCatalogs } from '../pricing/PriceCatalogs';
import { OsLifecycleTable } from '../risk/osLifecycle';
import {
  DEFAULT_ASSESSMENT_SETTINGS,
  type AssessmentSettings,
} from '../settings';

/** A VM with sensible defaults; override anything. */
export function vm(
  externalId: string,
  overrides: Partial<Omit<DiscoveredResource, 'specs'>> & {
    specs?: Partial<DiscoveredResource['specs']>;
  } = {},
): DiscoveredResource {
  const { specs, ...rest } = overrides;
  return {
    provider: 'inventory',
    environmentId: 'dc1',
    externalId,
    kind: 'vm',
    name: externalId,
    specs: {
      vcpus: 2,
      memoryMiB: 8192,
      disks: [{ sizeGiB: 100, name: 'disk0' }],
      os: { family: 'linux', name: 'Ubuntu 24.04 LTS' },
      powerState: 'poweredOn',
      ...specs,
    },
    tags: {},
    dependsOn: [],
    utilization: { cpuP95: 50, memP95: 50, samples: 720, window: 'P30D' },
    ...rest,
  };
}

let shared:
  | { catalogs: PriceCatalogs; osLifecycle: OsLifecycleTable }
  | undefined;

/** The shipped tables with default (or adjusted) settings. */
export function testContext(
  settings: Partial<AssessmentSettings> = {},
): AssessContext {
  shared ??= {
    catalogs: PriceCatalogs.load(),
    osLifecycle: OsLifecycleTable.shipped(),
  };
  return {
    ...shared,
    settings: { ...DEFAULT_ASSESSMENT_SETTINGS, ...settings },
  };
}

/** A fixed assessment date. */
export const NOW = new Date('2026-06-01T00:00:00Z');
