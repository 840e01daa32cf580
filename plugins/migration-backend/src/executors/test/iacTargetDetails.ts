import type { Config } from '@backstage/config';

/**
 * Target details the IaC generator needs from the target environment's config: the GCP project
 * of `migration.environments[].gcp.projectId`.
 */
export function iacTargetDetails(
  config: Config,
): (environmentId: string | undefined) => { project?: string } {
  const environments =
    config.getOptionalConfigArray('migration.environments') ?? [];
  return environmentId => {
    const env = environments.find(
      e => e.getOptionalString('id') === environmentId,
    );
    const project = env?.getOptionalString('gcp.projectId');
    return project ? { project } : {};
  };
}
