import type {
  DiscoveredResource,
  SecurityRule,
} from '@sirsi-nexus/plugin-migration-common';

/** mulberry32: a small seeded PRNG, so every run builds the same estate. */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OS = [
  { family: 'linux' as const, name: 'Ubuntu 24.04 LTS' },
  { family: 'linux' as const, name: 'CentOS 7 (64-bit)' },
  { family: 'linux' as const, name: 'Red Hat Enterprise Linux 8 (64-bit)' },
  { family: 'windows' as const, name: 'Microsoft Windows Server 2019' },
  { family: 'windows' as const, name: 'Microsoft Windows Server 2012 R2' },
  { family: 'windows' as const, name: 'Windows Server 2016 Datacenter' },
  { family: 'other' as const, name: 'IBM AIX 7.2' },
];
const RULES: SecurityRule[][] = [
  [{ protocol: 'tcp', fromPort: 22, toPort: 22, sources: ['0.0.0.0/0'] }],
  [{ protocol: 'tcp', fromPort: 1433, toPort: 1433, sources: ['0.0.0.0/0'] }],
  [{ protocol: 'tcp', fromPort: 80, toPort: 80, sources: ['0.0.0.0/0'] }],
  [{ protocol: 'tcp', fromPort: 443, toPort: 443, sources: ['10.0.0.0/8'] }],
];
const TAGS: Array<Record<string, string>> = [
  { app: 'shop' },
  { app: 'crm', 'data-residency': 'eu' },
  { system: 'billing', residency: 'us' },
  { role: 'db', owner: 'team-a' },
  { software: 'Microsoft Exchange 2016' },
  { 'migration-strategy': 'retain', app: 'mainframe-bridge' },
  { lifecycle: 'decommissioned' },
  { app: 'portal', db_password: 'hunter2' },
  { app: 'api', note: 'postgres://admin:secret@db.internal/app' },
  { CostCenter: 'cc-1', Owner: 'ops', Environment: 'prod', app: 'erp' },
  {},
];

/**
 * A seeded estate of every kind the rules look at: VMs with named, typed and unnamed disks
 * (with and without utilization windows), attached disk resources, security groups with open
 * rules, databases, buckets and load balancers; residency, role, software, strategy, lifecycle
 * and secret-looking tags; end-of-life, Windows and non-x86 OSes; cycles and dependencies
 * outside the selection. For tests that pin an assessment's whole output.
 */
export function mixedEstate(size: number, seed = 7): DiscoveredResource[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(random() * list.length)];
  const id = (i: number) => `r-${i}`;
  const utilizationOf = (
    measured: number,
  ): Pick<DiscoveredResource, 'utilization'> => {
    if (measured >= 0.7) return {};
    if (measured >= 0.6) return { utilization: { cpuP95: 2, samples: 720 } };
    return {
      utilization: {
        cpuP95: Math.round(random() * 9000) / 100,
        memP95: Math.round(random() * 9000) / 100,
        iopsP95: Math.floor(random() * 20000),
        samples: pick([24, 720]),
        ...(random() < 0.3 ? { window: pick(['P14D', 'P30D']) } : {}),
        ...(random() < 0.2 ? { source: 'CloudWatch' } : {}),
      },
    };
  };
  const out: DiscoveredResource[] = [];
  for (let i = 0; i < size; i++) {
    const roll = random();
    const deps: string[] = [];
    for (let k = 0; k < 3 && i > 0; k++)
      deps.push(id(Math.floor(random() * i)));
    if (random() < 0.03) deps.push(id(Math.min(size - 1, i + 1)));
    if (random() < 0.02) deps.push(`outside-${i % 7}`);
    const base = {
      provider: 'inventory',
      environmentId: 'dc1',
      externalId: id(i),
      name: `${pick(['app', 'db', 'web', 'dc', 'sql', 'exch'])}-${i}`,
      tags: { ...pick(TAGS) },
      dependsOn: deps,
    };
    if (roll < 0.05) {
      out.push({
        ...base,
        kind: 'security-group',
        specs: { ingress: pick(RULES) },
      });
    } else if (roll < 0.1) {
      out.push({
        ...base,
        kind: 'disk',
        specs: { disks: [{ sizeGiB: 50 + Math.floor(random() * 300) }] },
      });
    } else if (roll < 0.15) {
      out.push({
        ...base,
        kind: 'database',
        specs: {
          engine: pick(['postgres', 'sqlserver', 'mysql']),
          storageGiB: 100 + Math.floor(random() * 900),
          vcpus: 4,
          memoryMiB: 16384,
        },
      });
    } else if (roll < 0.18) {
      out.push({
        ...base,
        kind: 'bucket',
        specs: { storageGiB: Math.floor(random() * 5000) },
      });
    } else if (roll < 0.2) {
      out.push({ ...base, kind: 'load-balancer', specs: {} });
    } else {
      const named = random() < 0.5;
      const disks = Array.from(
        { length: 1 + Math.floor(random() * 3) },
        (_, k) => ({
          sizeGiB: pick([40, 80, 100, 200, 500, 1000, 20000, 80000]),
          ...(named ? { name: `Hard disk ${k + 1}` } : {}),
          ...(random() < 0.3 ? { type: pick(['thin', 'thick', 'ssd']) } : {}),
          ...(random() < 0.3 ? { usedGiB: 30 } : {}),
        }),
      );
      const measured = random();
      out.push({
        ...base,
        kind: 'vm',
        specs: {
          vcpus: pick([1, 2, 4, 8, 16, 64, 512]),
          memoryMiB: pick([1024, 4096, 16384, 65536, 4194304]),
          os: pick(OS),
          disks: random() < 0.1 ? [] : disks,
          powerState: random() < 0.05 ? 'poweredOff' : 'poweredOn',
          ...(random() < 0.05 ? { publiclyExposed: true } : {}),
          ...(random() < 0.1 ? { ingress: pick(RULES) } : {}),
        },
        ...utilizationOf(measured),
      });
    }
  }
  return out;
}
