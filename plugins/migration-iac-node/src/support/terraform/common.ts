import type {
  MigrationTarget,
  MonitoringConfig,
} from '@sirsi-nexus/plugin-migration-common';
import {
  hcl,
  type HclBlock,
  type HclFile,
  type HclValue,
} from '../../iac/hcl/document';
import { versionsBlocks } from '../../iac/generator/context';

/**
 * What the support Terraform is generated for.
 *
 * @public
 */
export interface SupportTerraformInput {
  migrationId: string;
  owner: string;
  target: MigrationTarget;
  config: MonitoringConfig;
}

/**
 * Terraform files (by name) plus what could not be expressed natively and why.
 *
 * @public
 */
export interface SupportTerraform {
  files: HclFile[];
  notes: string[];
}

/** Two-digit hour or minute. */
export const pad = (n: number) => String(n).padStart(2, '0');

/** The migration id as it may appear in resource names and labels. */
export const slug = (id: string) =>
  id
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);

/** Prefix of every support resource's name: `sirsi-<migration>`. */
export const supportName = (input: SupportTerraformInput) =>
  `sirsi-${slug(input.migrationId)}`;

/** The tags every support resource carries, as entries. */
export function tagEntries(
  input: SupportTerraformInput,
): Array<[string, HclValue]> {
  return [
    ['managed-by', hcl.str('sirsi-nexus-migrate')],
    ['migration-id', hcl.str(input.migrationId)],
    ['owner', hcl.str(input.owner)],
  ];
}

/** The tags every support resource carries. */
export function tagsValue(input: SupportTerraformInput): HclValue {
  return hcl.stringMap({
    'managed-by': 'sirsi-nexus-migrate',
    'migration-id': input.migrationId,
    owner: input.owner,
  });
}

/** E-mail addresses of the notification channels. */
export const emails = (c: MonitoringConfig) =>
  c.channels.filter(ch => ch.type === 'email').map(ch => ch.target);

/** Webhook URLs of the notification channels. */
export const webhooks = (c: MonitoringConfig) =>
  c.channels.filter(ch => ch.type === 'webhook').map(ch => ch.target);

/**
 * The files of a cloud's support Terraform: `versions.tf` (with the provider block),
 * `variables.tf`, `alerts.tf` and, when backups are on, `backup.tf`.
 */
export function supportFiles(parts: {
  provider: { name: string; source: string; version: string };
  providerBlock: HclBlock;
  variables: HclBlock[];
  alerts: HclBlock[];
  backup: HclBlock[];
}): HclFile[] {
  return [
    {
      path: 'versions.tf',
      blocks: [...versionsBlocks(parts.provider), parts.providerBlock],
    },
    { path: 'variables.tf', blocks: parts.variables },
    { path: 'alerts.tf', blocks: parts.alerts },
    ...(parts.backup.length
      ? [{ path: 'backup.tf', blocks: parts.backup }]
      : []),
  ];
}
