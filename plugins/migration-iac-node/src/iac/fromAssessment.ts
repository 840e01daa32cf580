import type {
  Assessment,
  AssessmentResource,
  DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import {
  adapterContext,
  type AdapterContext,
} from './fromAssessment/adapterContext';
import { addDependentGroups } from './fromAssessment/dependentGroups';
import { discoveredGroups } from './fromAssessment/discoveredGroups';
import { machineInstance } from './fromAssessment/machineInstance';
import { networkPlacement } from './fromAssessment/networkPlacement';
import { selectMachines } from './fromAssessment/selectMachines';
import { compareStrings } from './hcl/document';
import type {
  IacInstance,
  IacLaunchedBy,
  IacModel,
  IacNetwork,
  IacSecurityGroup,
  IacTarget,
} from './model';

/**
 * Inputs besides the assessment.
 *
 * @public
 */
export interface IacModelFromAssessmentOptions {
  /** Defaults to the assessment's migration id. */
  migrationId?: string;
  /** Owner entity ref written as the `owner` tag. */
  owner: string;
  /**
   * The discovered resources of the selection and what they depend on (subnets, networks,
   * security groups), e.g. read from catalog entities with `entityToDiscoveredResource`.
   */
  resources: DiscoveredResource[];
  /** Target details the assessment does not carry (GCP project, Azure resource group, zone). */
  target?: Pick<IacTarget, 'zone' | 'project' | 'resourceGroup'>;
  /** Tags for every resource on top of the required ones (`migration.iac.defaultTags`). */
  tags?: Record<string, string>;
  /** CIDR blocks allowed to reach SSH (Linux) or RDP (Windows) on every machine; none by default. */
  adminSources?: string[];
  /**
   * Who launches each machine on the target (`terraform` when absent or undefined): the
   * migration's server moves mark the machines the target cloud's migration service moves as
   * `migration-service`, so the Terraform creates their landing zone and launch settings but
   * not the machines.
   */
  launchedBy?: (machine: AssessmentResource) => IacLaunchedBy | undefined;
}

/**
 * The model plus what the adapter had to leave out or assume.
 *
 * @public
 */
export interface IacModelFromAssessmentResult {
  model: IacModel;
  /** Resources not turned into Terraform, with the reason. */
  skipped: Array<{ id: string; name: string; reason: string }>;
  warnings: string[];
}

/**
 * Turns an assessment (sizing, waves, disk mapping) and the discovered resources (networks,
 * subnets, security groups, addresses) into the model the Terraform generator writes.
 *
 * Machines the assessment keeps as machines (rehost, replatform without a managed target
 * service, relocate) become instances in their wave; their discovered subnets and security
 * groups carry over. Machines without discovered networking (on-premises) get a subnet per /24
 * of their address in a network per /16, and a security group each that admits exactly the
 * machines that depend on them (on the engine's port when known, else any TCP port).
 *
 * @public
 */
export function iacModelFromAssessment(
  assessment: Assessment,
  options: IacModelFromAssessmentOptions,
): IacModelFromAssessmentResult {
  const warnings: string[] = [];
  const { machines, skipped } = selectMachines(assessment);
  const sourceProvider =
    machines.map(m => m.provider)[0] ??
    assessment.resources[0]?.provider ??
    'inventory';
  const ctx = adapterContext(assessment, options, sourceProvider, warnings);

  const { networks, subnetNetwork, subnetOf } = networkPlacement(ctx);
  const instances = new Map<string, IacInstance>();
  const waveOf = new Map<string, number>();
  for (const machine of machines) {
    instances.set(machine.id, machineInstance(ctx, machine, subnetOf));
    waveOf.set(machine.id, machine.wave);
  }
  // Security groups: the discovered ones where there are any, else one per machine derived
  // from the dependency graph.
  const groups = discoveredGroups(ctx, instances, subnetNetwork);
  addDependentGroups(ctx, { instances, networks, subnetNetwork }, groups);

  const model = assembleModel(ctx, sourceProvider, {
    networks,
    groups,
    instances,
    waveOf,
  });
  return { model, skipped, warnings };
}

/** The model, with networks, groups and waves in a stable order. */
function assembleModel(
  { assessment, options, provider }: AdapterContext,
  sourceProvider: DiscoveredResource['provider'],
  parts: {
    networks: Map<string, IacNetwork>;
    groups: Map<string, IacSecurityGroup>;
    instances: Map<string, IacInstance>;
    waveOf: Map<string, number>;
  },
): IacModel {
  const { networks, groups, instances, waveOf } = parts;
  const waveNumbers = [...new Set(waveOf.values())].sort((a, b) => a - b);
  return {
    migrationId: options.migrationId ?? assessment.migrationId ?? 'preview',
    owner: options.owner,
    source: {
      provider: sourceProvider,
      ...(assessment.sourceEnvironmentId
        ? { environmentId: assessment.sourceEnvironmentId }
        : {}),
    },
    target: {
      provider,
      region: assessment.target.region,
      ...(options.target?.zone ? { zone: options.target.zone } : {}),
      ...(options.target?.project ? { project: options.target.project } : {}),
      ...(options.target?.resourceGroup
        ? { resourceGroup: options.target.resourceGroup }
        : {}),
    },
    complianceProfile: assessment.options.complianceProfile,
    ...(options.tags && Object.keys(options.tags).length > 0
      ? { tags: { ...options.tags } }
      : {}),
    networks: [...networks.values()].sort((a, b) =>
      compareStrings(a.key, b.key),
    ),
    securityGroups: [...groups.values()].sort((a, b) =>
      compareStrings(a.key, b.key),
    ),
    waves: waveNumbers.map(number => ({
      number,
      instances: [...instances.values()].filter(
        i => waveOf.get(i.key) === number,
      ),
    })),
  };
}
