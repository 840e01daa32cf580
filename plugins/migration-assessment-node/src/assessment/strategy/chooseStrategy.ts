import type { AssessmentStrategy } from '@sirsi-nexus/plugin-migration-common';
import {
  decommissionTag,
  explicitStrategy,
  saasReplacement,
  type DatabaseEngine,
} from '../facts/detect';
import type { ResourceFacts } from '../facts/ResourceFacts';

type Cloud = 'aws' | 'azure' | 'gcp';

/** Managed database service per target cloud and engine. */
export const MANAGED_DATABASES: Readonly<
  Record<Cloud, Record<DatabaseEngine, string>>
> = {
  aws: {
    sqlserver: 'Amazon RDS for SQL Server',
    postgres: 'Amazon RDS for PostgreSQL (or Aurora PostgreSQL)',
    mysql: 'Amazon RDS for MySQL (or Aurora MySQL)',
    oracle: 'Amazon RDS for Oracle',
    mongodb: 'Amazon DocumentDB',
    unknown: 'Amazon RDS',
  },
  azure: {
    sqlserver: 'Azure SQL Managed Instance',
    postgres: 'Azure Database for PostgreSQL flexible server',
    mysql: 'Azure Database for MySQL flexible server',
    oracle: 'Oracle Database@Azure',
    mongodb: 'Azure Cosmos DB for MongoDB',
    unknown: 'Azure SQL Managed Instance',
  },
  gcp: {
    sqlserver: 'Cloud SQL for SQL Server',
    postgres: 'Cloud SQL for PostgreSQL (or AlloyDB)',
    mysql: 'Cloud SQL for MySQL',
    oracle: 'Bare Metal Solution for Oracle',
    mongodb: 'MongoDB Atlas on Google Cloud',
    unknown: 'Cloud SQL',
  },
};

const MANAGED_LOAD_BALANCERS: Record<Cloud, string> = {
  aws: 'Elastic Load Balancing (ALB/NLB)',
  azure: 'Azure Application Gateway / Load Balancer',
  gcp: 'Cloud Load Balancing',
};

const OBJECT_STORAGE: Record<Cloud, string> = {
  aws: 'Amazon S3',
  azure: 'Azure Blob Storage',
  gcp: 'Cloud Storage',
};

/** Kinds that are recreated by the generated infrastructure rather than moved. */
const INFRASTRUCTURE_KINDS = new Set(['network', 'subnet', 'security-group']);

function s(
  strategy: AssessmentStrategy['strategy'],
  rule: string,
  reason: string,
  targetService?: string,
): AssessmentStrategy {
  return targetService
    ? { strategy, rule, reason, targetService }
    : { strategy, rule, reason };
}

/**
 * Picks one of the 7 Rs for a resource. Rules are tried in order and the first that matches wins;
 * its id and the input that fired it are returned (docs/assessment.md lists them).
 */
export function chooseStrategy(
  facts: ResourceFacts,
  target: { provider: Cloud; region: string },
): AssessmentStrategy {
  const r = facts.resource;
  const cloud = target.provider;

  const explicit = explicitStrategy(r);
  if (explicit) {
    return s(
      explicit.strategy,
      'explicit-tag',
      `The owner set tag ${explicit.tag}=${explicit.strategy}.`,
    );
  }
  if (facts.residency?.conflict) {
    return s(
      'retain',
      'data-residency',
      `Tagged "${facts.residency.tag}": its data may not move to ${
        target.region
      } (${facts.residency.country?.toUpperCase()}).`,
    );
  }
  if (facts.poweredOff && (r.kind === 'vm' || r.kind === 'database')) {
    return s(
      'retire',
      'powered-off',
      `Reported power state "${
        r.specs.powerState
      }": confirm with the owner and decommission instead of migrating${
        facts.dependents.length > 0
          ? ` (note: ${facts.dependents.length} resource(s) still list it as a dependency)`
          : ''
      }.`,
    );
  }
  if (facts.idle && facts.dependents.length === 0 && r.kind === 'vm') {
    const u = r.utilization!;
    return s(
      'retire',
      'idle',
      `CPU P95 ${u.cpuP95}%${
        u.networkMbpsP95 !== undefined
          ? `, network P95 ${u.networkMbpsP95} Mbit/s`
          : ''
      } and nothing in the selection depends on it: a retire candidate.`,
    );
  }
  const decommission = decommissionTag(r);
  if (decommission) {
    return s(
      'retire',
      'decommission-tag',
      `Lifecycle tag says "${decommission}".`,
    );
  }
  if (facts.attachedTo) {
    return s(
      'rehost',
      'attached-disk',
      `Attached to ${facts.attachedTo}; moves with that machine.`,
    );
  }
  if (
    facts.os &&
    facts.os.notSupportedOn.includes('aws') &&
    facts.os.notSupportedOn.includes('azure') &&
    facts.os.notSupportedOn.includes('gcp')
  ) {
    return s(
      'refactor',
      'non-x86-platform',
      `${facts.os.name} cannot run on any public cloud's machines: rebuild the application on a supported platform.`,
    );
  }
  const saas = saasReplacement(r);
  if (saas) {
    return s(
      'repurchase',
      'saas-available',
      `${saas.product} (${saas.matched}) has a SaaS successor.`,
      saas.saas,
    );
  }
  if (facts.database) {
    return s(
      'replatform',
      'database-server',
      `A database server (${facts.database.reason}): move the data into the target's managed database instead of the machine.`,
      MANAGED_DATABASES[cloud][facts.database.engine],
    );
  }
  if (facts.os && facts.eol?.status === 'past') {
    return s(
      'replatform',
      'eol-os',
      `${facts.os.name} has been out of support since ${facts.eol.date}: move the workload onto a supported OS image.`,
    );
  }
  if (facts.unsupportedOnTarget && facts.os) {
    return s(
      'replatform',
      'os-unsupported-on-target',
      `${facts.os.name} is not supported on ${cloud}: rebuild on a supported OS image.`,
    );
  }
  if (r.kind === 'load-balancer') {
    return s(
      'replatform',
      'managed-load-balancer',
      'Load balancers are replaced by the target cloud’s managed service.',
      MANAGED_LOAD_BALANCERS[cloud],
    );
  }
  if (r.provider === cloud) {
    return s(
      'relocate',
      'same-cloud',
      `Already on ${cloud}: moves to ${target.region} without changing platform.`,
    );
  }
  if (INFRASTRUCTURE_KINDS.has(r.kind)) {
    return s(
      'rehost',
      'recreated-infrastructure',
      `The ${r.kind} is recreated in the target by the generated infrastructure code.`,
    );
  }
  if (r.kind === 'bucket') {
    return s(
      'rehost',
      'object-copy',
      'Objects are copied into the target object storage.',
      OBJECT_STORAGE[cloud],
    );
  }
  return s(
    'rehost',
    'default-rehost',
    'No other rule applies: lift and shift onto a rightsized machine.',
  );
}
