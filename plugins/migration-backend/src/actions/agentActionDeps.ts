import type { AnalysisRouteOptions } from '../service/routes/analysis';
import type { MigrationActionDeps } from './actionDeps';

/**
 * What the agent actions (preview, gates, failures, controls) need beyond the basic ones: the
 * analysis behind `POST /analyze`, and whether requesters may approve their own gates.
 */
export interface MigrationAgentActionDeps extends MigrationActionDeps {
  analysis: AnalysisRouteOptions;
  /** `migration.approvals.separationOfDuties` (default true). */
  separationOfDuties?: boolean;
}
