import { createShippedInstanceTypeCatalog } from '@sirsi-nexus/plugin-migration-assessment-node';

/** The instance catalogs shipped with the assessment, as the product passes them to the checks. */
export const instanceTypes = createShippedInstanceTypeCatalog();
