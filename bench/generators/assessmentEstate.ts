/**
 * Deterministic generators of large estates for the assessment benchmarks.
 */
import type { DiscoveredResource } from '../../plugins/migration-common/src';

/** mulberry32: a small seeded PRNG, so every run measures the same data. */
export function seededRandom(seed: number) {
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
  {
    family: 'windows' as const,
    name: 'Microsoft Windows Server 2019 (64-bit)',
  },
  {
    family: 'windows' as const,
    name: 'Microsoft Windows Server 2012 R2 (64-bit)',
  },
];
const SHAPES = [
  [1, 2],
  [2, 4],
  [2, 8],
  [4, 8],
  [4, 16],
  [8, 32],
  [16, 64],
  [32, 128],
];

/**
 * `nodes` VMs with `edgesPerNode` distinct dependencies each: most point to earlier VMs (a layered
 * estate, like apps on databases on directory services), `backEdgeShare` of them to a VM a little later,
 * which closes (mostly small) dependency cycles. Shapes, OS, disks and utilization vary.
 */
export function generateEstate(options: {
  nodes: number;
  edgesPerNode: number;
  backEdgeShare?: number;
  /** How far ahead a back edge may point. */
  cycleReach?: number;
  seed?: number;
}): { resources: DiscoveredResource[]; edges: number } {
  const { nodes, edgesPerNode } = options;
  const backEdgeShare = options.backEdgeShare ?? 0.01;
  const cycleReach = options.cycleReach ?? 20;
  const random = seededRandom(options.seed ?? 42);
  const ids = Array.from(
    { length: nodes },
    (_, i) => `vm-${i.toString(36).padStart(4, '0')}`,
  );
  const resources: DiscoveredResource[] = new Array(nodes);
  let edges = 0;
  for (let i = 0; i < nodes; i++) {
    const deps = new Set<number>();
    const want = i === 0 ? 0 : Math.min(edgesPerNode, nodes - 1);
    while (deps.size < want) {
      // Back edges reach a little ahead (i+1 .. i+cycleReach), closing small local cycles like
      // the mutual dependencies of a cluster's members.
      const back = random() < backEdgeShare || i < edgesPerNode;
      const j = back
        ? Math.min(nodes - 1, i + 1 + Math.floor(random() * cycleReach))
        : Math.floor(random() * i);
      if (j !== i) deps.add(j);
    }
    edges += deps.size;
    const [vcpus, memGiB] = SHAPES[Math.floor(random() * SHAPES.length)];
    const withUtilization = random() < 0.8;
    resources[i] = {
      provider: 'inventory',
      environmentId: 'bench',
      externalId: ids[i],
      kind: 'vm',
      name: ids[i],
      specs: {
        vcpus,
        memoryMiB: memGiB * 1024,
        os: OS[Math.floor(random() * OS.length)],
        disks: [
          { sizeGiB: 40 + Math.floor(random() * 200) },
          ...(random() < 0.4
            ? [{ sizeGiB: 100 + Math.floor(random() * 4000) }]
            : []),
        ],
        powerState: random() < 0.02 ? 'poweredOff' : 'poweredOn',
      },
      tags: { app: `app-${i % 500}` },
      dependsOn: [...deps].map(j => ids[j]),
      ...(withUtilization
        ? {
            utilization: {
              cpuP95: Math.round(random() * 9000) / 100,
              memP95: Math.round(random() * 9000) / 100,
              iopsP95: Math.floor(random() * 8000),
              samples: 720,
            },
          }
        : {}),
    };
  }
  return { resources, edges };
}
