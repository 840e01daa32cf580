import type { JsonObject } from '@backstage/types';
import type {
  CloudCapabilityLookup,
  PlanContext,
  TaskSpec,
} from '@sirsi-nexus/plugin-migration-node';
import { readMigrationResources } from '@sirsi-nexus/plugin-migration-node';
import { dnsIntents } from './dns/dnsIntents';
import { isImageCopy } from './imageCopies';
import { replicatorOf } from './servers/replicatorOf';
import { selectServers, serverWaves } from './servers/serverCandidates';

const wave = (n: number) => `wave-${n}`;

/** Keys of the transfer phase's tasks. */
export const TRANSFER_TASK_KEYS = {
  baseline: 'transfer.baseline',
  data: 'transfer.data',
  images: 'transfer.images',
  /** No migration service for the target: the servers are listed as not moved. */
  serversUnavailable: 'transfer.servers',
  replicate: (n: number) => `transfer.servers.${wave(n)}.replicate`,
  test: (n: number) => `transfer.servers.${wave(n)}.test`,
  cutover: (n: number) => `transfer.servers.${wave(n)}.cutover`,
  /** Reads and stores the DNS records before any change; the runbook. */
  dnsCutover: 'transfer.dns-cutover',
  dnsLowerTtl: 'transfer.dns-lower-ttl',
  dnsSwitch: (n: number) => `transfer.dns-switch.${wave(n)}`,
} as const;

/** Specs chained one after the other, each depending on the one before. */
class Chain {
  readonly specs: TaskSpec[] = [];
  constructor(private last: string[]) {}

  add(key: string, title: string, input: JsonObject, extra: string[] = []) {
    this.specs.push({ key, title, dependsOn: [...this.last, ...extra], input });
    this.last = [key];
  }
}

/** Real runs, wave by wave: the cutover, then the switch of the wave's DNS names. */
function addCutovers(chain: Chain, waves: number[], dnsWaves: number[]) {
  const keys = TRANSFER_TASK_KEYS;
  for (const n of [...new Set([...waves, ...dnsWaves])].sort((a, b) => a - b)) {
    if (waves.includes(n)) {
      chain.add(keys.cutover(n), `Wave ${n}: cut over`, {
        step: 'cutover',
        wave: n,
      });
    }
    if (dnsWaves.includes(n)) {
      chain.add(keys.dnsSwitch(n), `Wave ${n}: switch DNS`, {
        step: 'dns-switch',
        wave: n,
      });
    }
  }
}

/**
 * The transfer phase's tasks. Data first (`transfer.baseline` → `transfer.data`; image copies
 * beside it for same-cloud VMs when the target has no migration service), then per wave the
 * servers through the target's migration service — rehearsal: replicate → test launch; real run:
 * replicate, then after the DNS records are stored and their TTL lowered, cutover → DNS switch —
 * one task after the other, so each waits (deferred) without holding a worker.
 */
export async function planTransfer(
  ctx: PlanContext,
  capabilities: CloudCapabilityLookup,
): Promise<TaskSpec[]> {
  const keys = TRANSFER_TASK_KEYS;
  const rehearsal = ctx.migration.options.rehearsal === true;
  const { servers } = await selectServers(ctx.artifacts);
  const replicator = replicatorOf(ctx.migration, capabilities);
  const resources = await readMigrationResources(ctx.artifacts, {
    optional: true,
  });
  const images =
    !replicator && resources.some(r => isImageCopy(ctx, capabilities, r));
  const chain = new Chain([keys.baseline]);
  chain.add(keys.data, 'Move data with integrity checks', { step: 'data' });
  const waves = replicator ? serverWaves(servers) : [];
  if (servers.length && !replicator) {
    chain.add(keys.serversUnavailable, 'Servers: no migration service', {
      step: 'servers-unavailable',
    });
  }
  for (const n of waves) {
    chain.add(keys.replicate(n), `Wave ${n}: replicate servers`, {
      step: 'replicate',
      wave: n,
    });
    if (rehearsal) {
      chain.add(keys.test(n), `Wave ${n}: launch test instances`, {
        step: 'test',
        wave: n,
      });
    }
  }
  chain.add(
    keys.dnsCutover,
    'Record the DNS records and plan the cutover',
    { step: 'dns' },
    images ? [keys.images] : [],
  );
  const dnsWaves = rehearsal
    ? []
    : [...new Set((await dnsIntents(ctx.artifacts)).map(i => i.wave))];
  if (dnsWaves.length) {
    chain.add(keys.dnsLowerTtl, 'Lower the DNS TTL ahead of the window', {
      step: 'dns-lower-ttl',
    });
  }
  if (!rehearsal) addCutovers(chain, waves, dnsWaves);
  return [
    {
      key: keys.baseline,
      title: 'Capture the latency baseline before cutover',
      input: { step: 'baseline' },
    },
    ...(images
      ? [
          {
            key: keys.images,
            title: 'Copy machine images (AMI)',
            input: { step: 'images' },
          },
        ]
      : []),
    ...chain.specs,
  ];
}
