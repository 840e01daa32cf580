import type { Config } from '@backstage/config';
import type { AssessContext } from './assess';
import { PriceCatalogs } from './pricing/PriceCatalogs';
import { OsLifecycleTable } from './risk/osLifecycle';
import { readAssessmentSettings } from './settings';

/**
 * Builds what `assess` runs on from the root config: `migration.assessment` settings, the shipped
 * price catalogs (with `migration.assessment.catalogFile` replacing a provider's catalog) and the
 * OS lifecycle table. Load once and reuse: the tables are read from disk here.
 *
 * @public
 */
export function createAssessContext(config: Config): AssessContext {
  const settings = readAssessmentSettings(config);
  return {
    settings,
    catalogs: PriceCatalogs.load({ catalogFile: settings.catalogFile }),
    osLifecycle: OsLifecycleTable.shipped(),
  };
}
