import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  type CloudCapabilityLookup,
  type MigrationExecutor,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { captureBaseline } from './captureBaseline';
import { lowerTtl } from './dns/lowerTtl';
import { recordDns } from './dns/recordDns';
import { restoreDns } from './dns/restoreDns';
import { switchDns } from './dns/switchDns';
import { copyImages } from './imageCopies';
import { reportImageCopiesAndDns } from './imageCopyReport';
import { moveData } from './moveData';
import { removeImageCopies } from './removeImageCopies';
import { removeTransferredData } from './removeTransferredData';
import {
  readServerMoveSettings,
  type ServerMoveSettings,
} from './serverMoveSettings';
import { launchWave } from './servers/launchWave';
import { replicateWave } from './servers/replicateWave';
import { reportServersUnavailable } from './servers/serversUnavailable';
import { undoWave } from './servers/undoWave';
import { planTransfer } from './transferPlan';

export { TRANSFER_TASK_KEYS } from './transferPlan';

type Deps = {
  config: ExecutionConfig;
  capabilities: CloudCapabilityLookup;
  settings: ServerMoveSettings;
};

type Step = (ctx: TaskContext, deps: Deps) => Promise<JsonObject | void>;

/** The transfer.dns-cutover step: records and plan, then the transfer report's statements. */
const recordDnsStep: Step = async (ctx, deps) => {
  const result = await recordDns(ctx, deps);
  await reportImageCopiesAndDns(
    ctx,
    result.records
      ? `The DNS cutover covers ${result.records} record(s) (${
          result.recorded
        } recorded, ${result.skipped} skipped); ${
          ctx.migration.options.rehearsal
            ? 'in a rehearsal none is changed'
            : 'they are switched after each wave’s cutover and restored by a rollback'
        } (${MIGRATION_ARTIFACTS.dnsCutover.name}).`
      : 'No resource names a DNS record (tag `dns-name`), so no DNS record is switched.',
  );
  return result;
};

const RUN: Record<string, Step> = {
  baseline: (ctx, { config }) => captureBaseline(ctx, config),
  data: (ctx, { config, capabilities }) => moveData(ctx, config, capabilities),
  images: (ctx, { capabilities }) => copyImages(ctx, capabilities),
  'servers-unavailable': (ctx, { capabilities }) =>
    reportServersUnavailable(ctx, capabilities),
  replicate: replicateWave,
  test: (ctx, deps) => launchWave(ctx, deps, 'test'),
  cutover: (ctx, deps) => launchWave(ctx, deps, 'cutover'),
  dns: recordDnsStep,
  'dns-lower-ttl': lowerTtl,
  'dns-switch': switchDns,
};

const COMPENSATE: Record<string, Step> = {
  images: (ctx, { capabilities }) => removeImageCopies(ctx, capabilities),
  data: async (ctx, { config, capabilities }) => ({
    removed: await ctx.checkpoint({
      key: 'remove',
      fn: () => removeTransferredData(ctx, config, capabilities),
    }),
  }),
  replicate: undoWave,
  test: undoWave,
  cutover: undoWave,
  dns: restoreDns,
  'dns-lower-ttl': restoreDns,
  'dns-switch': restoreDns,
};

/**
 * `transfer`, per wave: a baseline of source latencies, data moved with integrity (into the
 * staging directory in rehearsals), then the servers through the target cloud's migration service
 * — matched, replication waited for until healthy, launch configured; a rehearsal launches test
 * instances (validation probes them, then they are cleaned up), a real run cuts over inside the
 * maintenance window — and the DNS records: read and stored before any change, TTL lowered ahead
 * of the window, switched after each wave's cutover. Waits (jobs, replication, windows, DNS sync)
 * defer the task instead of holding a worker. Rollback, newest first: DNS restored, cutovers not
 * yet finalized reverted, test instances terminated, data and image copies removed.
 *
 * @public
 */
export function createTransferExecutor(deps: {
  config: ExecutionConfig;
  capabilities: CloudCapabilityLookup;
  /** `migration.replication` and `migration.dns`; defaults when left out. */
  settings?: ServerMoveSettings;
}): MigrationExecutor {
  const all: Deps = {
    ...deps,
    settings: deps.settings ?? readServerMoveSettings(new ConfigReader({})),
  };
  return {
    phase: 'transfer',
    taskType: TASK_TYPES.transferMove,
    plan: ctx => planTransfer(ctx, deps.capabilities),
    async run(ctx) {
      const step = RUN[String(ctx.task.input.step)];
      if (!step) {
        throw new PermanentTaskError(
          `Unknown transfer step ${String(ctx.task.input.step)}`,
        );
      }
      return step(ctx, all);
    },
    async compensate(ctx) {
      const step = COMPENSATE[String(ctx.task.input.step)];
      return step ? step(ctx, all) : { undone: 0 };
    },
  };
}
