import type {
  GeneratedMonitoring,
  Migration,
  MonitoringConfig,
} from '@sirsi-nexus/plugin-migration-common';
import type { HclParser } from '../iac/validate/parser';
import { prometheusRules } from './prometheusRules';
import { renderSupportTerraform, supportTerraform } from './supportTerraform';
import { validateGeneratedMonitoring } from './validateGenerated';

/**
 * Generates a monitoring configuration as code — Prometheus alerting rules and Terraform for the
 * target's native alarms and backups — and validates what it generated.
 *
 * @public
 */
export async function generateMonitoring(
  migration: Pick<Migration, 'id' | 'title' | 'owner' | 'target'>,
  config: MonitoringConfig,
  options: { parser?: HclParser } = {},
): Promise<GeneratedMonitoring> {
  const rules = prometheusRules(config, migration.id, migration.title);
  const terraform = supportTerraform({
    migrationId: migration.id,
    owner: migration.owner,
    target: migration.target,
    config,
  });
  const rendered = renderSupportTerraform(terraform);
  const validation = await validateGeneratedMonitoring(
    terraform.files,
    rendered,
    rules,
    options.parser,
  );
  return {
    prometheusRules: rules,
    terraform: rendered,
    validation,
    notes: terraform.notes,
  };
}
