import {
  MIGRATION_ARTIFACTS,
  type Migration,
  type ValidationCheck,
} from '@sirsi-nexus/plugin-migration-common';
import {
  MODEL_FILE_NAME,
  resourcesFromIacModel,
  resourcesFromTerraformJson,
  securityChecks,
  unzipBundle,
  type IacModel,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { ArtifactReader } from '@sirsi-nexus/plugin-migration-node';
import { isWavePlanArtifact } from '../build/terraformWave';

/** The IaC model the bundle carries (`iac-model.json`), when there is a bundle. */
async function bundledModel(
  artifacts: ArtifactReader,
): Promise<IacModel | undefined> {
  const bundle = await artifacts.get(MIGRATION_ARTIFACTS.iacBundle.name);
  const model = bundle
    ? unzipBundle(new Uint8Array(bundle.content)).find(
        f =>
          f.path === MODEL_FILE_NAME || f.path.endsWith(`/${MODEL_FILE_NAME}`),
      )
    : undefined;
  return model ? (JSON.parse(model.content) as IacModel) : undefined;
}

/**
 * The compliance rules re-run on what the target holds: the saved Terraform plans of the waves
 * when they exist, else the IaC model of the bundle; a warning when neither exists.
 */
export async function targetSecurityChecks(
  migration: Migration,
  artifacts: ArtifactReader,
): Promise<ValidationCheck[]> {
  const profile = migration.options.complianceProfile;
  const plans = (await artifacts.list()).filter(a =>
    isWavePlanArtifact(a.name),
  );
  if (plans.length) {
    const resources = [];
    for (const plan of plans) {
      resources.push(
        ...resourcesFromTerraformJson(
          (await artifacts.getJson<Record<string, any>>(plan.name)) ?? {},
        ),
      );
    }
    return securityChecks(resources, {
      profile,
      source: `terraform plan of ${plans.length} wave(s)`,
    });
  }
  const model = await bundledModel(artifacts);
  if (model) {
    return securityChecks(resourcesFromIacModel(model), {
      profile,
      source: 'IaC model of the bundle (no Terraform plan exists)',
    });
  }
  const at = new Date().toISOString();
  return [
    {
      id: 'security.compliance',
      category: 'security',
      name: 'Compliance rules on the target',
      status: 'warning',
      message:
        'Neither a Terraform plan nor an IaC bundle exists, so the compliance rules could not be re-run',
      metrics: {},
      remediation:
        'Run the test phase (IaC generation) and the build phase first',
      startedAt: at,
      completedAt: at,
    },
  ];
}
