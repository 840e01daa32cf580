/**
 * The nine phases every migration goes through, in execution order.
 *
 * @public
 */
export const MIGRATION_PHASES = [
  'environment',
  'plan',
  'specify',
  'test',
  'build',
  'transfer',
  'validate',
  'optimize',
  'support',
] as const;

/**
 * One of the nine migration phases.
 *
 * @public
 */
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];

/**
 * What each phase is responsible for, as shown to users.
 *
 * @public
 */
export const MIGRATION_PHASE_DESCRIPTIONS: Record<MigrationPhase, string> = {
  environment: 'Credentials, connectivity and compliance profile',
  plan: 'Discovery, dependency mapping and risk',
  specify: 'Sizing, cost and schedule',
  test: 'Infrastructure-as-code generation and validation',
  build: 'Apply the target infrastructure',
  transfer: 'Move data and applications',
  validate: 'Integrity, performance, security and network checks',
  optimize: 'Cost, performance and sustainability recommendations',
  support: 'Monitoring, alerts and backup',
};

/**
 * Type guard for {@link MigrationPhase}.
 *
 * @public
 */
export function isMigrationPhase(value: unknown): value is MigrationPhase {
  return (
    typeof value === 'string' &&
    (MIGRATION_PHASES as readonly string[]).includes(value)
  );
}
