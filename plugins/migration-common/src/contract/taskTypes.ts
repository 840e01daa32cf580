/**
 * The task types of the built-in executors, by phase. Executors register under them; a module's
 * executor with the same type replaces the built-in one.
 *
 * @public
 */
export const TASK_TYPES = {
  environmentValidateProviders: 'environment.validate-providers',
  planSnapshotEntities: 'plan.snapshot-entities',
  planAssess: 'plan.assess',
  specifySummarize: 'specify.summarize',
  specifyAssess: 'specify.assess',
  testCheckReadiness: 'test.check-readiness',
  testGenerateIac: 'test.generate-iac',
  testTerraformPlan: 'test.terraform-plan',
  buildProvision: 'build.provision',
  transferMove: 'transfer.move',
  validateVerify: 'validate.verify',
  optimizeRecommend: 'optimize.recommend',
  supportRecordConfiguration: 'support.record-configuration',
  supportReport: 'support.report',
} as const;

/** @public */
export type TaskType = (typeof TASK_TYPES)[keyof typeof TASK_TYPES];
