/*
 * Small, documented heuristics that read what a resource is from its kind, specs, tags and name.
 * Each returns why it matched so the assessment can say which input fired a rule.
 */
import {
  MIGRATION_STRATEGIES,
  type DiscoveredResource,
  type MigrationStrategy,
} from '@sirsi-nexus/plugin-migration-common';

/** Database engines the strategy rules know managed targets for. */
export type DatabaseEngine =
  | 'sqlserver'
  | 'postgres'
  | 'mysql'
  | 'oracle'
  | 'mongodb'
  | 'unknown';

const ROLE_TAG_KEYS = ['role', 'tier', 'function', 'server-role', 'app-role'];
const DB_ROLE =
  /^(db|database|sql|mssql|sqlserver|mysql|mariadb|postgres|postgresql|pg|oracle|mongo|mongodb)$/i;
const DB_NAME =
  /(^|[-_.\s])(db|sql|mssql|sqlsrv|mysql|pg|pgsql|postgres|ora|oracle|mongo)\d*([-_.\s]|$)/i;

function tagValue(
  resource: DiscoveredResource,
  keys: string[],
): string | undefined {
  for (const k of Object.keys(resource.tags)) {
    if (keys.includes(k.toLowerCase())) return resource.tags[k];
  }
  return undefined;
}

function engineFrom(text: string): DatabaseEngine | undefined {
  const t = text.toLowerCase();
  if (/sql\s*server|mssql|sqlserver|sqlsrv/.test(t)) return 'sqlserver';
  if (/postgres|pgsql|(^|[^a-z])pg([^a-z]|$)/.test(t)) return 'postgres';
  if (/mysql|mariadb/.test(t)) return 'mysql';
  if (/oracle|(^|[^a-z])ora([^a-z]|$)/.test(t)) return 'oracle';
  if (/mongo/.test(t)) return 'mongodb';
  return undefined;
}

/**
 * Whether the resource is a database server, which engine, and why we think so: a `database`
 * resource, a `specs.engine`, a role/tier tag, or a name token such as `db`, `sql`, `pg`, `ora`.
 */
export function detectDatabase(
  resource: DiscoveredResource,
): { engine: DatabaseEngine; reason: string } | undefined {
  const software = tagValue(resource, ['software', 'application', 'engine']);
  if (resource.kind === 'database' || resource.specs.engine) {
    const engine =
      engineFrom(resource.specs.engine ?? '') ??
      engineFrom(software ?? '') ??
      engineFrom(resource.name) ??
      'unknown';
    return {
      engine,
      reason: resource.specs.engine
        ? `engine "${resource.specs.engine}"`
        : 'a database resource',
    };
  }
  if (resource.kind !== 'vm') return undefined;
  const role = tagValue(resource, ROLE_TAG_KEYS);
  if (role && DB_ROLE.test(role.trim())) {
    const engine =
      engineFrom(role) ??
      engineFrom(software ?? '') ??
      engineFrom(resource.name) ??
      (resource.specs.os?.family === 'windows' ? 'sqlserver' : 'unknown');
    return { engine, reason: `role tag "${role}"` };
  }
  if (software && engineFrom(software)) {
    return {
      engine: engineFrom(software)!,
      reason: `software tag "${software}"`,
    };
  }
  const m = DB_NAME.exec(resource.name);
  if (m) {
    // A Windows database server without a clearer hint is most likely SQL Server.
    const engine =
      engineFrom(resource.name) ??
      (resource.specs.os?.family === 'windows' ? 'sqlserver' : 'unknown');
    return { engine, reason: `name token "${m[2]}"` };
  }
  return undefined;
}

const POWERED_OFF = new Set([
  'poweredoff',
  'off',
  'stopped',
  'stopping',
  'deallocated',
  'deallocating',
  'terminated',
  'suspended',
]);

/** The answer per reported state: estates report a handful of them. */
const poweredOffStates = new Map<string, boolean>();

/** Whether a reported power state (`poweredOff`, `stopped`, `deallocated`…) means not running. */
export function isPoweredOffState(state: string | undefined): boolean {
  if (!state) return false;
  let off = poweredOffStates.get(state);
  if (off === undefined) {
    off = POWERED_OFF.has(state.toLowerCase().replace(/[\s_-]/g, ''));
    if (poweredOffStates.size >= 1000) poweredOffStates.clear();
    poweredOffStates.set(state, off);
  }
  return off;
}

/** Whether the reported power state means the machine is not running. */
export function isPoweredOff(resource: DiscoveredResource): boolean {
  return isPoweredOffState(resource.specs.powerState);
}

/** CPU P95 below which (with low network) a machine nobody depends on counts as idle. */
export const IDLE_CPU_P95 = 5;
/** Network P95 (Mbit/s) below which a machine counts as idle. */
export const IDLE_NETWORK_MBPS_P95 = 1;

/** Whether utilization says the machine does next to nothing. */
export function isIdle(resource: DiscoveredResource): boolean {
  const u = resource.utilization;
  if (!u || u.cpuP95 === undefined) return false;
  if (u.cpuP95 >= IDLE_CPU_P95) return false;
  return (
    u.networkMbpsP95 === undefined || u.networkMbpsP95 < IDLE_NETWORK_MBPS_P95
  );
}

const STRATEGY_TAG_KEYS = [
  'migration-strategy',
  'migration.strategy',
  'migration_strategy',
  'sirsi-nexus.io/strategy',
];

/** A strategy set explicitly by the resource's owner through a tag. */
export function explicitStrategy(
  resource: DiscoveredResource,
): { strategy: MigrationStrategy; tag: string } | undefined {
  const tags = resource.tags;
  for (const k of Object.keys(tags)) {
    if (!STRATEGY_TAG_KEYS.includes(k.toLowerCase())) continue;
    const value = tags[k].trim().toLowerCase();
    if ((MIGRATION_STRATEGIES as readonly string[]).includes(value)) {
      return { strategy: value as MigrationStrategy, tag: k };
    }
  }
  return undefined;
}

/** Lifecycle tags that mark a system for decommissioning. */
export function decommissionTag(
  resource: DiscoveredResource,
): string | undefined {
  const v = tagValue(resource, ['lifecycle', 'status']);
  return v &&
    /^(deprecated|decommission(ed|ing)?|retired?|end-of-life|eol)$/i.test(
      v.trim(),
    )
    ? v
    : undefined;
}

const SAAS: Array<{ re: RegExp; product: string; saas: string }> = [
  {
    re: /(^|[-_.\s])(exch|exchange)\d*([-_.\s]|$)/i,
    product: 'Exchange Server',
    saas: 'Exchange Online (Microsoft 365)',
  },
  {
    re: /sharepoint/i,
    product: 'SharePoint Server',
    saas: 'SharePoint Online (Microsoft 365)',
  },
  {
    re: /(^|[-_.\s])jira\d*([-_.\s]|$)/i,
    product: 'Jira Server',
    saas: 'Jira Cloud',
  },
  { re: /confluence/i, product: 'Confluence Server', saas: 'Confluence Cloud' },
];

/** Off-the-shelf software with a SaaS successor, from the software tag or the name. */
export function saasReplacement(
  resource: DiscoveredResource,
): { product: string; saas: string; matched: string } | undefined {
  const software = tagValue(resource, ['software', 'application', 'product']);
  for (const s of SAAS) {
    if (software && s.re.test(software)) {
      return {
        product: s.product,
        saas: s.saas,
        matched: `software tag "${software}"`,
      };
    }
    if (s.re.test(resource.name)) {
      return {
        product: s.product,
        saas: s.saas,
        matched: `name "${resource.name}"`,
      };
    }
  }
  return undefined;
}

const IDENTITY_ROLE =
  /^(ad|adds|dc|domain-?controller|dns|ldap|directory|identity|kdc)$/i;
const IDENTITY_NAME = /(^|[-_.\s])(ad|adds|dc|dns|ldap|kdc)\d*([-_.\s]|$)/i;

/** Directory and name-resolution services (AD, DNS, LDAP), which usually stay reachable from both sides. */
export function isIdentityService(
  resource: DiscoveredResource,
): string | undefined {
  const role = tagValue(resource, ROLE_TAG_KEYS);
  if (role && IDENTITY_ROLE.test(role.trim())) return `role tag "${role}"`;
  const m = IDENTITY_NAME.exec(resource.name);
  return m ? `name token "${m[2]}"` : undefined;
}

/** The `system`/`app` tag, as discovery uses it for the catalog system. */
export function systemOf(resource: DiscoveredResource): string | undefined {
  return tagValue(resource, ['system', 'app', 'application']);
}
