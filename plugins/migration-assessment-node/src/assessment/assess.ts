import { InputError } from '@backstage/errors';
import {
  ASSESSMENT_SCHEMA_VERSION,
  type Assessment,
  type AssessmentMoveGroup,
  type AssessmentResource,
  type AssessmentRiskFactor,
  type AssessmentSharedService,
  type AssessmentWave,
  type DiscoveredResource,
  type DiskSpec,
  type MigrationOptions,
  type MigrationTarget,
  type SecurityRule,
} from '@sirsi-nexus/plugin-migration-common';
import { evaluateCompliance } from './compliance/evaluateCompliance';
import {
  internetExposedAdminPorts,
  isOpenToInternet,
  residencyConflict,
} from '@sirsi-nexus/plugin-migration-common';
import { costResource, summarizeCosts } from './cost/costResource';
import {
  detectDatabase,
  isIdentityService,
  isIdle,
  isPoweredOff,
  systemOf,
} from './facts/detect';
import type { ResourceFacts } from './facts/ResourceFacts';
import { analyzeDependencies } from './graph/analyzeDependencies';
import { PriceCatalogs } from './pricing/PriceCatalogs';
import {
  assessRisk,
  EOL_WARNING_DAYS,
  RISK_POINTS,
  riskLevel,
} from './risk/assessRisk';
import { OsLifecycleTable } from './risk/osLifecycle';
import { parseMaintenanceWindows } from './schedule/maintenanceWindows';
import {
  cutoverMinutes,
  scheduleWaves,
  transferHours,
} from './schedule/scheduleWaves';
import type { AssessmentSettings } from './settings';
import { mapDisks } from './sizing/mapDisks';
import { InstancePicker, rightsize } from './sizing/rightsize';
import { chooseStrategy } from './strategy/chooseStrategy';
import { round, sumMoney } from './util/numbers';
import { withoutSecrets } from './util/secrets';

/**
 * What to assess.
 *
 * @public
 */
export interface AssessInput {
  resources: DiscoveredResource[];
  target: MigrationTarget;
  options?: MigrationOptions;
  /** Catalog entity ref per external id, when the resources came from the catalog. */
  entityRefs?: Record<string, string>;
  migrationId?: string;
  sourceEnvironmentId?: string;
  /**
   * `plan` leaves out sizing, cost and schedule (the specify phase adds them); `specify` and
   * `preview` (POST /analyze) have everything.
   */
  stage: Assessment['stage'];
  /** The assessment date (default now): end of life is judged against it, the schedule starts at it. */
  now?: Date;
}

/**
 * The tables and settings an assessment runs on.
 *
 * @public
 */
export interface AssessContext {
  settings: AssessmentSettings;
  catalogs: PriceCatalogs;
  osLifecycle: OsLifecycleTable;
}

/** Migration score = 0.6 × highest resource score + 0.4 × mean, plus migration-wide factors. */
const SCORE_FORMULA =
  'min(100, round(0.6 × max(resource scores) + 0.4 × mean(resource scores)) + Σ migration-wide factor points)';

/** Highest acceptable resource score per risk tolerance. */
export const RISK_TOLERANCE_MAX_SCORE = {
  low: 30,
  medium: 60,
  high: 80,
} as const;

const DAY = 86_400_000;
/** Peers of a move group named per resource (the rest are counted). */
const PEERS_LISTED = 10;
const CLOUDS = ['aws', 'azure', 'gcp'] as const;

function diskOfResource(r: DiscoveredResource): DiskSpec | undefined {
  const first = r.specs.disks?.[0];
  if (first) return { ...first, name: first.name ?? r.name };
  if (r.specs.storageGiB !== undefined) {
    return { sizeGiB: r.specs.storageGiB, name: r.name };
  }
  return undefined;
}

function dataOf(disks: DiskSpec[]): number {
  return disks.reduce((s, d) => s + Math.max(0, d.usedGiB ?? d.sizeGiB), 0);
}

function validateInput(input: AssessInput) {
  if (!Array.isArray(input.resources) || input.resources.length === 0) {
    throw new InputError('resources: the selection is empty');
  }
  const provider = input.target?.provider;
  if (!CLOUDS.includes(provider as (typeof CLOUDS)[number])) {
    throw new InputError(
      `target.provider must be one of ${CLOUDS.join(', ')}, got "${provider}"`,
    );
  }
  if (!input.target.region || typeof input.target.region !== 'string') {
    throw new InputError('target.region is required');
  }
  const profile = input.options?.complianceProfile ?? 'none';
  if (!['none', 'gdpr', 'soc2', 'hipaa'].includes(profile)) {
    throw new InputError(
      `options.complianceProfile must be none, gdpr, soc2 or hipaa, got "${profile}"`,
    );
  }
  const tolerance = input.options?.riskTolerance;
  if (
    tolerance !== undefined &&
    !['low', 'medium', 'high'].includes(tolerance)
  ) {
    throw new InputError(
      `options.riskTolerance must be low, medium or high, got "${tolerance}"`,
    );
  }
}

/**
 * Assesses a selection of discovered resources for a target: dependency graph, move groups and
 * waves, shared services, rightsizing, disk mapping, cost, risk, 7R strategy, compliance and
 * schedule. Deterministic for the same input, tables and `now`; every figure records its inputs.
 *
 * @throws InputError naming the field for a bad target, options or selection.
 * @public
 */
export function assess(input: AssessInput, context: AssessContext): Assessment {
  validateInput(input);
  const { settings, catalogs, osLifecycle } = context;
  const now = input.now ?? new Date();
  const nowMs = now.getTime();
  const target = {
    provider: input.target.provider,
    region: input.target.region,
  };
  const pricing = catalogs.forRegion(target.provider, target.region);
  const windows = parseMaintenanceWindows(input.options?.maintenanceWindows);
  const profile = input.options?.complianceProfile ?? 'none';
  const full = input.stage !== 'plan';
  const resources = input.resources;
  const n = resources.length;
  const warnings: string[] = [];

  const deps = analyzeDependencies(resources, {
    maxWaveSize: settings.maxWaveSize,
  });
  const { ids, graph, dependents, attachedTo, components, waves: plan } = deps;
  if (deps.unresolved.length > 0) {
    warnings.push(
      `${deps.unresolved.length} dependencies point outside the selection; those resources stay where they are and need hybrid connectivity.`,
    );
  }

  // --- Facts per resource
  const dependentsOf = (i: number) => {
    const out: string[] = [];
    for (let e = dependents.offsets[i]; e < dependents.offsets[i + 1]; e++) {
      out.push(ids[dependents.targets[e]]);
    }
    return out;
  };
  const unresolvedOf = new Map<number, string[]>();
  for (const u of deps.unresolved) {
    const i = deps.indexOf.get(u.from)!;
    const list = unresolvedOf.get(i) ?? [];
    list.push(u.to);
    unresolvedOf.set(i, list);
  }
  // VMs without their own disk list carry the disks attached to them.
  const attachedDisks = new Map<number, number[]>();
  for (let j = 0; j < n; j++) {
    if (attachedTo[j] === -1) continue;
    const list = attachedDisks.get(attachedTo[j]) ?? [];
    list.push(j);
    attachedDisks.set(attachedTo[j], list);
  }

  const picker = new InstancePicker(pricing, settings.allowBurstable);
  const facts: ResourceFacts[] = new Array(n);
  const carriedDisks: DiskSpec[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = resources[i];
    const os = osLifecycle.lookup(r.specs.os);
    let eol: ResourceFacts['eol'];
    if (os?.endOfSupport) {
      const days = Math.floor((Date.parse(os.endOfSupport) - nowMs) / DAY);
      if (days < 0) eol = { status: 'past', date: os.endOfSupport, days };
      else if (days <= EOL_WARNING_DAYS) {
        eol = { status: 'soon', date: os.endOfSupport, days };
      }
    }

    // Inbound rules: its own, plus those of the security groups it depends on.
    const ingress: SecurityRule[] = [...(r.specs.ingress ?? [])];
    for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) {
      const dep = resources[graph.targets[e]];
      if (dep.kind === 'security-group' && dep.specs.ingress) {
        ingress.push(...dep.specs.ingress);
      }
    }
    const openToInternet = ingress.some(
      rule => rule.protocol !== 'icmp' && isOpenToInternet(rule.sources),
    );

    let disks: DiskSpec[] = [];
    if (attachedTo[i] !== -1) {
      disks = [];
    } else if (r.kind === 'vm') {
      disks = r.specs.disks?.length
        ? r.specs.disks
        : (attachedDisks.get(i) ?? [])
            .map(j => diskOfResource(resources[j]))
            .filter((d): d is DiskSpec => d !== undefined);
    } else if (r.kind === 'disk' || r.kind === 'database') {
      const d =
        r.kind === 'database' && r.specs.storageGiB !== undefined
          ? { sizeGiB: r.specs.storageGiB, name: r.name }
          : diskOfResource(r);
      disks = d ? [d] : [];
    }
    carriedDisks[i] = disks;

    // A few peers by name and the count: a large cycle must not cost size² memory.
    const c = components.componentOf[i];
    const peers: string[] = [];
    let peerCount = 0;
    for (
      let m = components.memberOffsets[c];
      m < components.memberOffsets[c + 1];
      m++
    ) {
      const member = components.members[m];
      if (member === i || attachedTo[member] !== -1) continue;
      peerCount++;
      if (peers.length < PEERS_LISTED) peers.push(ids[member]);
    }

    facts[i] = {
      resource: r,
      os,
      eol,
      unsupportedOnTarget: os
        ? os.notSupportedOn.includes(target.provider)
        : false,
      database: detectDatabase(r),
      identity: isIdentityService(r),
      poweredOff: isPoweredOff(r),
      idle: isIdle(r),
      dependents: dependentsOf(i),
      unresolved: unresolvedOf.get(i) ?? [],
      ingress,
      adminPorts: internetExposedAdminPorts(ingress),
      publiclyExposed: r.specs.publiclyExposed === true || openToInternet,
      residency: residencyConflict(r.tags, target.provider, target.region),
      cyclic: attachedTo[i] === -1 && peerCount > 0,
      groupPeers: peers,
      groupPeerCount: peerCount,
      disks: disks.length
        ? mapDisks(disks, pricing, r.utilization?.iopsP95)
        : [],
      ...(attachedTo[i] !== -1 ? { attachedTo: ids[attachedTo[i]] } : {}),
    };
  }

  // --- Move groups, numbered in wave order
  const firstMember = (c: number) =>
    components.members[components.memberOffsets[c]];
  const componentOrder: number[] = [];
  for (const w of plan.waves) {
    const sorted = [...w.components].sort(
      (a, b) => firstMember(a) - firstMember(b),
    );
    for (const c of sorted) componentOrder.push(c);
  }
  const groupId = new Array<string>(components.count);
  componentOrder.forEach((c, k) => {
    groupId[c] = `mg-${k + 1}`;
  });

  // --- Per resource: sizing, strategy, risk, cost
  const out: AssessmentResource[] = new Array(n);
  const noSizing: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = resources[i];
    const f = facts[i];
    const c = components.componentOf[i];
    const wave = plan.waveOfComponent[c] + 1;
    const strategy = chooseStrategy(f, target);
    const risk = assessRisk(f, target, settings);
    const sizable =
      full &&
      attachedTo[i] === -1 &&
      (r.kind === 'vm' || r.kind === 'database');
    const sizing = sizable
      ? rightsize(r, picker, pricing, settings)
      : undefined;
    if (sizable && !sizing && r.kind === 'vm') noSizing.push(r.name);
    const objectStorageGiB = r.kind === 'bucket' ? r.specs.storageGiB ?? 0 : 0;
    const dataGiB = round(dataOf(carriedDisks[i]) + objectStorageGiB, 2);

    const item: AssessmentResource = {
      id: ids[i],
      name: r.name,
      kind: r.kind,
      provider: r.provider,
      environmentId: r.environmentId,
      dependsOn: Array.from(
        graph.targets.subarray(graph.offsets[i], graph.offsets[i + 1]),
        j => ids[j],
      ),
      unresolvedDependencies: f.unresolved,
      fanIn: f.dependents.length,
      moveGroup: groupId[c],
      wave,
      dataGiB,
      disks: f.disks,
      risk,
      strategy,
    };
    const ref = input.entityRefs?.[ids[i]];
    if (ref) item.entityRef = ref;
    if (r.region) item.region = r.region;
    const system = systemOf(r);
    if (system) item.system = system;
    if (Object.keys(r.tags).length > 0) item.tags = withoutSecrets(r.tags);
    if (r.specs.os) item.os = r.specs.os;
    if (r.specs.powerState) item.powerState = r.specs.powerState;
    if (f.attachedTo) item.attachedTo = f.attachedTo;
    if (sizing) item.sizing = sizing;
    if (full && attachedTo[i] === -1) {
      const cost = costResource(r, sizing, f.disks, pricing, settings, {
        objectStorageGiB,
        currentDiskGiB: carriedDisks[i].reduce(
          (s, d) => s + Math.max(0, d.sizeGiB),
          0,
        ),
      });
      cost.included =
        strategy.strategy !== 'retire' && strategy.strategy !== 'retain';
      item.cost = cost;
    }
    out[i] = item;
  }
  if (noSizing.length > 0) {
    warnings.push(
      `${
        noSizing.length
      } VM(s) report neither vCPUs nor memory and could not be sized: ${noSizing
        .slice(0, 5)
        .join(', ')}${noSizing.length > 5 ? ' …' : ''}.`,
    );
  }

  // --- Move groups and shared services
  const moveGroups: AssessmentMoveGroup[] = componentOrder.map(c => {
    const members: string[] = [];
    let real = 0;
    for (
      let m = components.memberOffsets[c];
      m < components.memberOffsets[c + 1];
      m++
    ) {
      const node = components.members[m];
      members.push(ids[node]);
      if (attachedTo[node] === -1) real++;
    }
    const disks = members.length - real;
    const cyclic = real > 1;
    let reason = 'No cyclic dependency: moves on its own.';
    if (cyclic) {
      reason = `Dependency cycle between ${real} resources: they must move in one cutover.`;
    } else if (disks > 0) {
      reason = `Moves with ${disks} attached disk(s).`;
    }
    return {
      id: groupId[c],
      members,
      cyclic,
      wave: plan.waveOfComponent[c] + 1,
      reason,
    };
  });

  const sharedServices: AssessmentSharedService[] = [];
  for (let i = 0; i < n; i++) {
    const f = facts[i];
    if (f.dependents.length < settings.sharedServiceMinFanIn) continue;
    const identity = f.identity;
    const keepHybrid = identity !== undefined || f.unresolved.length > 0;
    let reason = `${f.dependents.length} resources depend on it and it has no ties outside the selection: moving it first lets every dependent cut over against the target copy.`;
    if (identity) {
      reason = `A directory/name service (${identity}): extend it with a replica in the target and keep both sides connected until the last wave.`;
    } else if (f.unresolved.length > 0) {
      reason = `It depends on ${f.unresolved.length} resource(s) outside the selection, so it cannot leave cleanly first.`;
    }
    sharedServices.push({
      resourceId: ids[i],
      name: resources[i].name,
      fanIn: f.dependents.length,
      dependents: f.dependents,
      wave: out[i].wave,
      recommendation: keepHybrid ? 'keep-hybrid-connectivity' : 'move-first',
      reason,
      options: [
        {
          choice: 'move-first',
          description:
            'Move it in an early wave; dependents still on the source reach it over the hybrid link until they follow.',
        },
        {
          choice: 'keep-hybrid-connectivity',
          description:
            'Leave it (or a replica) on the source and keep VPN/interconnect until every dependent has moved; watch latency.',
        },
      ],
    });
  }
  sharedServices.sort(
    (a, b) => b.fanIn - a.fanIn || a.name.localeCompare(b.name),
  );
  const sharedIds = new Set(sharedServices.map(s => s.resourceId));

  // --- Waves
  const waves: AssessmentWave[] = plan.waves.map((w, k) => {
    const number = k + 1;
    const members: number[] = [];
    const groups: string[] = [];
    const dependsOnWaves = new Set<number>();
    const sampleEdges: string[] = [];
    const cyclicGroups: string[] = [];
    for (const c of w.components) {
      groups.push(groupId[c]);
      let real = 0;
      for (
        let m = components.memberOffsets[c];
        m < components.memberOffsets[c + 1];
        m++
      ) {
        const node = components.members[m];
        members.push(node);
        if (attachedTo[node] === -1) real++;
        for (let e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
          const dep = graph.targets[e];
          const depWave = plan.waveOfComponent[components.componentOf[dep]] + 1;
          if (depWave !== number) {
            dependsOnWaves.add(depWave);
            if (sampleEdges.length < 3) {
              sampleEdges.push(
                `${resources[node].name} → ${resources[dep].name} (wave ${depWave})`,
              );
            }
          }
        }
      }
      if (real > 1) cyclicGroups.push(`${groupId[c]} (${real} resources)`);
    }
    members.sort((a, b) => a - b);
    const reasons: string[] = [];
    if (dependsOnWaves.size === 0) {
      reasons.push('Nothing in it depends on another wave.');
    } else {
      reasons.push(
        `Its members depend on wave(s) ${[...dependsOnWaves]
          .sort((a, b) => a - b)
          .join(', ')}, e.g. ${sampleEdges.join('; ')}.`,
      );
    }
    const shared = members.filter(m => sharedIds.has(ids[m]));
    if (shared.length > 0) {
      reasons.push(
        `Shared service(s) ${shared
          .slice(0, 5)
          .map(m => resources[m].name)
          .join(', ')} move here, ahead of their dependents.`,
      );
    }
    if (cyclicGroups.length > 0) {
      reasons.push(
        `Dependency cycles moved together: ${cyclicGroups
          .slice(0, 5)
          .join(', ')}${cyclicGroups.length > 5 ? ' …' : ''}.`,
      );
    }
    const disks = members.filter(m => attachedTo[m] !== -1).length;
    if (disks > 0)
      reasons.push(`${disks} attached disk(s) move with their VMs.`);
    if (w.oversized) {
      reasons.push(
        `Move group ${groups[0]} has ${w.weight} resources, more than the max wave size ${settings.maxWaveSize}: it gets a wave of its own.`,
      );
    } else if (w.deferred > 0) {
      reasons.push(
        `Max wave size ${settings.maxWaveSize} reached: ${w.deferred} ready move group(s) wait for the next wave.`,
      );
    }
    const dataGiB = round(
      members.reduce((s, m) => s + out[m].dataGiB, 0),
      2,
    );
    const hours = transferHours(dataGiB, settings.bandwidthMbps);
    const wave: AssessmentWave = {
      id: `wave-${number}`,
      number,
      members: members.map(m => ids[m]),
      moveGroups: groups,
      dependsOnWaves: [...dependsOnWaves].sort((a, b) => a - b),
      reasons,
      dataGiB,
      transferHours: round(hours, 2),
      cutoverMinutes: round(cutoverMinutes(dataGiB, w.weight, settings), 1),
    };
    if (full) {
      const costs = members.map(m => out[m].cost).filter(c => c?.included);
      wave.cost = {
        onDemand: sumMoney(costs.map(c => c!.total.onDemand)),
        commit1y: sumMoney(costs.map(c => c!.total.commit1y)),
        commit3y: sumMoney(costs.map(c => c!.total.commit3y)),
      };
    }
    return wave;
  });

  // --- Compliance on the planned estate (what moves)
  const security = { ...settings.security };
  const moving = out
    .map((item, i) => ({ item, i }))
    .filter(
      ({ item }) =>
        item.strategy.strategy !== 'retire' &&
        item.strategy.strategy !== 'retain',
    );
  const checks = evaluateCompliance({
    profile,
    target,
    security,
    resources: moving.map(({ item, i }) => ({
      id: item.id,
      name: item.name,
      tags: resources[i].tags,
      ingress: facts[i].ingress,
      publiclyExposed: facts[i].publiclyExposed,
    })),
  });
  // Resources tagged to stay out of the region are retained, so judge residency tags on all.
  const residencyCheck = evaluateCompliance({
    profile,
    target,
    security,
    resources: out.map((item, i) => ({
      id: item.id,
      name: item.name,
      tags: resources[i].tags,
      ingress: [],
    })),
  }).find(c => c.id === 'resource-residency');
  const allChecks = checks.filter(c => c.id !== 'resource-residency');
  if (residencyCheck) allChecks.splice(1, 0, residencyCheck);
  const complianceSummary = { pass: 0, warn: 0, fail: 0 };
  for (const c of allChecks) complianceSummary[c.status]++;

  // --- Migration risk
  const scored = out.filter(item => !item.attachedTo);
  const scores = scored.map(item => item.risk.score);
  const max = scores.reduce((m, v) => (v > m ? v : m), 0);
  const mean = scores.length
    ? scores.reduce((a, b) => a + b, 0) / scores.length
    : 0;
  const migrationFactors: AssessmentRiskFactor[] = [];
  const regionResidency = allChecks.find(c => c.id === 'residency');
  if (regionResidency?.status === 'fail') {
    migrationFactors.push({
      id: 'data-residency-conflict',
      title: `Target region outside the ${profile.toUpperCase()} residency area`,
      points: RISK_POINTS['data-residency-conflict'],
      detail: regionResidency.message,
      mitigation: regionResidency.remediation ?? 'Choose a compliant region.',
    });
  }
  const migrationScore = Math.min(
    100,
    Math.round(0.6 * max + 0.4 * mean) +
      migrationFactors.reduce((s, f) => s + f.points, 0),
  );
  const tolerance = input.options?.riskTolerance;

  const byKind: Record<string, number> = {};
  const byStrategy: Record<string, number> = {};
  for (const item of out) {
    byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
    byStrategy[item.strategy.strategy] =
      (byStrategy[item.strategy.strategy] ?? 0) + 1;
  }
  const endOfLifeSystems = out
    .filter((_, i) => facts[i].eol?.status === 'past')
    .map(item => item.name);

  const currentCost = settings.currentCost;
  const assessment: Assessment = {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    stage: input.stage,
    generatedAt: now.toISOString(),
    target: {
      ...target,
      ...(input.target.environmentId
        ? { environmentId: input.target.environmentId }
        : {}),
    },
    options: {
      complianceProfile: profile,
      ...(tolerance ? { riskTolerance: tolerance } : {}),
      maintenanceWindows: windows.map(w => w.text),
    },
    security,
    inputs: {
      currency: pricing.currency,
      hoursPerMonth: pricing.hoursPerMonth,
      comfortFactor: settings.comfortFactor,
      minVcpus: settings.minVcpus,
      minMemoryGiB: settings.minMemoryGiB,
      maxWaveSize: settings.maxWaveSize,
      sharedServiceMinFanIn: settings.sharedServiceMinFanIn,
      bandwidthMbps: settings.bandwidthMbps,
      cutover: { ...settings.cutover },
      priceCatalog: {
        provider: pricing.provider,
        region: pricing.region,
        asOf: pricing.asOf,
        source: pricing.source,
        ...(pricing.overrideFile ? { overrideFile: pricing.overrideFile } : {}),
        instanceTypes: pricing.instances.length,
      },
      commitmentDiscounts: { ...pricing.commitmentDiscounts },
      windowsLicensePerVcpuHour: pricing.windowsLicensePerVcpuHour,
      ...(currentCost ? { currentCost: { ...currentCost } } : {}),
      osLifecycleAsOf: osLifecycle.asOf,
      evaluatedAt: now.toISOString(),
    },
    summary: {
      resources: n,
      byKind,
      byStrategy,
      waves: waves.length,
      moveGroups: moveGroups.length,
      cyclicMoveGroups: moveGroups.filter(g => g.cyclic).length,
      sharedServices: sharedServices.length,
      endOfLifeSystems,
      dataGiB: round(
        out.reduce((s, item) => s + item.dataGiB, 0),
        2,
      ),
    },
    resources: out,
    moveGroups,
    waves,
    sharedServices,
    dependencies: {
      edges: out.flatMap(item =>
        item.dependsOn.map(to => ({ from: item.id, to })),
      ),
      unresolved: deps.unresolved,
    },
    risk: {
      score: migrationScore,
      level: riskLevel(migrationScore),
      formula: SCORE_FORMULA,
      factors: migrationFactors,
      ...(tolerance
        ? {
            tolerance: {
              level: tolerance,
              maxScore: RISK_TOLERANCE_MAX_SCORE[tolerance],
              exceeding: scored
                .filter(
                  item => item.risk.score > RISK_TOLERANCE_MAX_SCORE[tolerance],
                )
                .map(item => item.id),
            },
          }
        : {}),
    },
    compliance: {
      profile,
      summary: complianceSummary,
      checks: allChecks,
    },
    advisor: {
      status: 'disabled',
      provider: 'none',
      reason: 'Rules only.',
      waveNotes: [],
      extraRisks: [],
    },
    warnings,
  };
  if (input.migrationId) assessment.migrationId = input.migrationId;
  if (input.sourceEnvironmentId) {
    assessment.sourceEnvironmentId = input.sourceEnvironmentId;
  }
  if (full) {
    assessment.cost = summarizeCosts(
      out.map(item => ({ cost: item.cost, strategy: item.strategy.strategy })),
      pricing.currency,
      currentCost !== undefined,
    );
    assessment.schedule = scheduleWaves(waves, windows, {
      startAt: nowMs,
      bandwidthMbps: settings.bandwidthMbps,
    });
  }
  return assessment;
}
