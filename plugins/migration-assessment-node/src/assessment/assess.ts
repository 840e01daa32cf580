import {
  ASSESSMENT_SCHEMA_VERSION,
  type Assessment,
  type AssessmentResource,
  type AssessmentWave,
  type DiscoveredResource,
  type MigrationOptions,
  type MigrationTarget,
} from '@sirsi-nexus/plugin-migration-common';
import { assessmentInputs } from './assessmentInputs';
import { assessPlannedCompliance } from './compliance/assessPlannedCompliance';
import { summarizeCosts } from './cost/costResource';
import type { PriceCatalogs } from './pricing/PriceCatalogs';
import { planEstate } from './planEstate';
import { migrationRisk } from './risk/migrationRisk';
import type { OsLifecycleTable } from './risk/osLifecycle';
import {
  parseMaintenanceWindows,
  type MaintenanceWindow,
} from './schedule/maintenanceWindows';
import type { RegionPricing } from './pricing/RegionPricing';
import { scheduleWaves } from './schedule/scheduleWaves';
import { settingsForRequest, type AssessmentSettings } from './settings';
import { summarizeAssessment } from './summarizeAssessment';
import { validateAssessInput } from './validateAssessInput';

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

/** The advisor section before an advisor (if any) annotates the assessment. */
const rulesOnlyAdvisor = (): Assessment['advisor'] => ({
  status: 'disabled',
  provider: 'none',
  reason: 'Rules only.',
  waveNotes: [],
  extraRisks: [],
});

function warningsOf(unresolved: number, unsized: readonly string[]): string[] {
  const warnings: string[] = [];
  if (unresolved > 0) {
    warnings.push(
      `${unresolved} dependencies point outside the selection; those resources stay where they are and need hybrid connectivity.`,
    );
  }
  if (unsized.length > 0) {
    warnings.push(
      `${
        unsized.length
      } VM(s) report neither vCPUs nor memory and could not be sized: ${unsized
        .slice(0, 5)
        .join(', ')}${unsized.length > 5 ? ' …' : ''}.`,
    );
  }
  return warnings;
}

/** Every dependency as an edge, in resource order, in one list of its final size. */
function edgesOf(
  items: readonly AssessmentResource[],
): Assessment['dependencies']['edges'] {
  let count = 0;
  for (let i = 0; i < items.length; i++) count += items[i].dependsOn.length;
  const edges: Assessment['dependencies']['edges'] = new Array(count);
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    const { id, dependsOn } = items[i];
    for (let d = 0; d < dependsOn.length; d++) {
      edges[k++] = { from: id, to: dependsOn[d] };
    }
  }
  return edges;
}

/** The specify stage's additions: the cost summary and the schedule of the waves. */
function costAndSchedule(
  items: AssessmentResource[],
  waves: AssessmentWave[],
  windows: MaintenanceWindow[],
  at: { pricing: RegionPricing; settings: AssessmentSettings; now: Date },
): Pick<Assessment, 'cost' | 'schedule'> {
  return {
    cost: summarizeCosts(
      items.map(item => ({
        cost: item.cost,
        strategy: item.strategy.strategy,
      })),
      at.pricing.currency,
      at.settings.currentCost !== undefined,
    ),
    schedule: scheduleWaves(waves, windows, {
      startAt: at.now.getTime(),
      bandwidthMbps: at.settings.bandwidthMbps,
    }),
  };
}

/** The head of an assessment: what was asked, when, for which target and with which options. */
function headerOf(
  input: AssessInput,
  now: Date,
  windows: string[],
): Pick<
  Assessment,
  'schemaVersion' | 'stage' | 'generatedAt' | 'target' | 'options'
> {
  const { provider, region, environmentId } = input.target;
  const tolerance = input.options?.riskTolerance;
  return {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    stage: input.stage,
    generatedAt: now.toISOString(),
    target: { provider, region, ...(environmentId ? { environmentId } : {}) },
    options: {
      complianceProfile: input.options?.complianceProfile ?? 'none',
      ...(tolerance ? { riskTolerance: tolerance } : {}),
      maintenanceWindows: windows,
    },
  };
}

/** The target region's pricing; brought Windows licenses (Hybrid Benefit) cost nothing. */
function pricingFor(
  catalogs: PriceCatalogs,
  target: { provider: string; region: string },
  settings: AssessmentSettings,
): RegionPricing {
  const pricing = catalogs.forRegion(target.provider, target.region);
  return settings.hybridBenefit
    ? { ...pricing, windowsLicensePerVcpuHour: 0 }
    : pricing;
}

/**
 * Assesses a selection of discovered resources for a target: dependency graph, move groups and
 * waves, shared services, rightsizing, disk mapping, cost, risk, 7R strategy, compliance and
 * schedule. Deterministic for the same input, tables and `now`; every figure records its inputs.
 * Each stage is a pure function of the stages before it.
 *
 * @throws InputError naming the field for a bad target, options or selection.
 * @public
 */
export function assess(input: AssessInput, context: AssessContext): Assessment {
  validateAssessInput(input);
  const { osLifecycle } = context;
  const settings = settingsForRequest(context.settings, input.options);
  const now = input.now ?? new Date();
  const { resources } = input;
  const target = {
    provider: input.target.provider,
    region: input.target.region,
  };
  const pricing = pricingFor(context.catalogs, target, settings);
  const windows = parseMaintenanceWindows(input.options?.maintenanceWindows);
  const profile = input.options?.complianceProfile ?? 'none';
  const full = input.stage !== 'plan';
  const security = { ...settings.security };

  const plan = planEstate({
    resources,
    target,
    pricing,
    osLifecycle,
    settings,
    full,
    nowMs: now.getTime(),
    entityRefs: input.entityRefs,
  });
  const { deps, facts, items, moveGroups, sharedServices, waves } = plan;
  const compliance = assessPlannedCompliance({
    profile,
    target,
    security,
    resources,
    facts,
    items,
  });
  const assessment: Assessment = {
    ...headerOf(
      input,
      now,
      windows.map(w => w.text),
    ),
    security,
    inputs: assessmentInputs(settings, pricing, osLifecycle, now),
    summary: summarizeAssessment(plan),
    resources: items,
    moveGroups,
    waves,
    sharedServices,
    dependencies: { edges: edgesOf(items), unresolved: deps.unresolved },
    risk: migrationRisk({
      items,
      checks: compliance.checks,
      profile,
      tolerance: input.options?.riskTolerance,
    }),
    compliance,
    advisor: rulesOnlyAdvisor(),
    warnings: warningsOf(deps.unresolved.length, plan.unsized),
  };
  const commitmentNote = assessment.inputs.commitmentPricing?.note;
  if (commitmentNote && full) assessment.warnings.push(commitmentNote);
  if (input.migrationId) assessment.migrationId = input.migrationId;
  if (input.sourceEnvironmentId) {
    assessment.sourceEnvironmentId = input.sourceEnvironmentId;
  }
  if (full) {
    Object.assign(
      assessment,
      costAndSchedule(items, waves, windows, { pricing, settings, now }),
    );
  }
  return assessment;
}
