import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import type { InstanceTypeCatalog } from '@sirsi-nexus/plugin-migration-common';

interface PricingFile {
  asOf?: string;
  source?: string;
  instanceTypes: Array<{ name: string; prices?: Record<string, number> }>;
}

/**
 * The instance catalog shipped with the assessment (`data/pricing/<provider>.json`), the same
 * list rightsizing chooses from; `overrides` replace a provider's file (e.g. from
 * `migration.assessment.catalogFile`).
 *
 * @public
 */
export function createShippedInstanceTypeCatalog(
  overrides: Partial<Record<string, PricingFile>> = {},
): InstanceTypeCatalog {
  const cache = new Map<string, PricingFile | undefined>();
  const load = (provider: string) => {
    if (!cache.has(provider)) {
      let file = overrides[provider];
      if (!file && /^[a-z]+$/.test(provider)) {
        try {
          const path = resolvePackagePath(
            '@sirsi-nexus/plugin-migration-assessment-node',
            'data',
            'pricing',
            `${provider}.json`,
          );
          file = JSON.parse(readFileSync(path, 'utf8'));
        } catch {
          file = undefined;
        }
      }
      cache.set(provider, file);
    }
    return cache.get(provider);
  };
  return {
    lookup(provider, type) {
      const file = load(provider);
      const entry = file?.instanceTypes.find(t => t.name === type);
      return { exists: !!entry, regions: Object.keys(entry?.prices ?? {}) };
    },
    describe(provider) {
      const file = load(provider);
      return file
        ? `${provider} instance catalog as of ${file.asOf ?? 'unknown date'} (${
            file.instanceTypes.length
          } types)`
        : `no instance catalog for ${provider}`;
    },
  };
}
