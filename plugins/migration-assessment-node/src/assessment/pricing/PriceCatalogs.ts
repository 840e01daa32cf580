import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { TARGET_PROVIDERS } from '@sirsi-nexus/plugin-migration-common';
import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { priceCatalogSchema, type PriceCatalogDocument } from './catalogSchema';
import { fetchedRegionPricing } from './fetchedPricing';
import { regionPricingOf, type RegionPricing } from './RegionPricing';

const SHIPPED = TARGET_PROVIDERS;

function shippedCatalogPath(provider: string) {
  return resolvePackagePath(
    '@sirsi-nexus/plugin-migration-assessment-node',
    'data',
    'pricing',
    `${provider}.json`,
  );
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

function parseCatalogs(
  text: string,
  file: string,
  label: string,
): PriceCatalogDocument[] {
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new InputError(`${label} ${file} is not valid JSON/YAML`, error);
  }
  let list: unknown = [data];
  if (Array.isArray(data)) list = data;
  else if (data && typeof data === 'object' && 'catalogs' in data) {
    list = (data as { catalogs: unknown }).catalogs;
  }
  const parsed = z.array(priceCatalogSchema).min(1).safeParse(list);
  if (!parsed.success) {
    throw new InputError(
      `${label} ${file} is not a valid price catalog: ${describeZodError(
        parsed.error,
      )}`,
    );
  }
  return parsed.data;
}

/**
 * The instance and storage price catalogs of AWS, Azure and GCP: the ones shipped in
 * `data/pricing/`, each replaced by the catalog of the same provider in
 * `migration.assessment.catalogFile` when one is configured. With {@link PriceCatalogs.withFetched},
 * the instance prices of a region come from the newest catalog the price refresh stored for the
 * provider (unless the operator's catalog file replaces that provider).
 *
 * @public
 */
export class PriceCatalogs {
  private readonly cache = new Map<string, RegionPricing>();

  private constructor(
    private readonly documents: Map<string, PriceCatalogDocument>,
    private readonly overrides: Map<string, string>,
    private readonly fetched = new Map<string, FetchedInstancePrices>(),
  ) {}

  /**
   * These catalogs with the instance prices of fetched catalogs (one per provider; a later entry
   * of the same provider wins) preferred for the regions they cover.
   */
  withFetched(catalogs: FetchedInstancePrices[]): PriceCatalogs {
    return new PriceCatalogs(
      this.documents,
      this.overrides,
      new Map(catalogs.map(c => [c.provider, c])),
    );
  }

  /** The fetched catalog the assessment prefers for a provider, if any. */
  fetchedCatalog(provider: string): FetchedInstancePrices | undefined {
    return this.overrides.has(provider)
      ? undefined
      : this.fetched.get(provider);
  }

  /**
   * Loads the shipped catalogs and the override file.
   *
   * @param options.catalogFile - path of a JSON/YAML file holding one catalog, an array of
   *   catalogs, or `{ catalogs: [...] }`; relative paths resolve against the working directory.
   * @throws InputError naming the file and the first problems when a catalog is invalid.
   */
  static load(options: { catalogFile?: string } = {}): PriceCatalogs {
    const documents = new Map<string, PriceCatalogDocument>();
    const overrides = new Map<string, string>();
    for (const provider of SHIPPED) {
      const file = shippedCatalogPath(provider);
      for (const doc of parseCatalogs(
        fs.readFileSync(file, 'utf8'),
        file,
        'Shipped price catalog',
      )) {
        documents.set(doc.provider, doc);
      }
    }
    if (options.catalogFile) {
      const file = path.resolve(options.catalogFile);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new InputError(
          `Cannot read migration.assessment.catalogFile ${file}`,
          error,
        );
      }
      for (const doc of parseCatalogs(
        text,
        file,
        'migration.assessment.catalogFile',
      )) {
        documents.set(doc.provider, doc);
        overrides.set(doc.provider, file);
      }
    }
    return new PriceCatalogs(documents, overrides);
  }

  /** Catalogs made from documents directly (tests, benchmarks). */
  static fromDocuments(documents: unknown[]): PriceCatalogs {
    const parsed = z.array(priceCatalogSchema).parse(documents);
    return new PriceCatalogs(
      new Map(parsed.map(d => [d.provider, d])),
      new Map(),
    );
  }

  /** The regions a provider's catalog prices. */
  regions(provider: string): string[] {
    const shipped = Object.keys(this.documents.get(provider)?.regions ?? {});
    const fetched = this.fetchedCatalog(provider)?.regions ?? [];
    return [...new Set([...shipped, ...fetched])];
  }

  /** The raw catalog document of a provider. */
  document(provider: string): PriceCatalogDocument | undefined {
    return this.documents.get(provider);
  }

  /**
   * The pricing of one target region.
   *
   * @throws InputError naming `target.provider` / `target.region` when there is no catalog for it.
   */
  forRegion(provider: string, requestedRegion: string): RegionPricing {
    // Region names of all three clouds are lower case; accept `WestEurope` as typed in portals.
    const region = requestedRegion.toLowerCase();
    const key = `${provider}/${region}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const doc = this.documents.get(provider);
    if (!doc) {
      throw new InputError(
        `target.provider: no price catalog for "${provider}"; catalogued providers: ${[
          ...this.documents.keys(),
        ].join(', ')}`,
      );
    }
    const fetched = this.fetchedCatalog(provider);
    const pricing =
      (fetched && fetchedRegionPricing(doc, fetched, region)) ??
      regionPricingOf(doc, region, this.overrides.get(provider));
    if (!pricing) {
      throw new InputError(
        `target.region: no ${provider} price catalog for region "${requestedRegion}"; catalogued regions: ${this.regions(
          provider,
        ).join(
          ', ',
        )}. Add it with a catalog in migration.assessment.catalogFile`,
      );
    }
    this.cache.set(key, pricing);
    return pricing;
  }
}
