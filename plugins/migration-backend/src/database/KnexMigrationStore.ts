import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { KnexJournalStore } from './KnexJournalStore';
import { applyDatabaseMigrations } from './migrateDatabase';
import type { MigrationStore } from './MigrationStore';
import { KnexApprovals } from './knex/KnexApprovals';
import { KnexArtifactRecords } from './knex/KnexArtifactRecords';
import { KnexMigrationRecords } from './knex/KnexMigrationRecords';
import { KnexPhaseTransitions } from './knex/KnexPhaseTransitions';
import { KnexTaskQueue } from './knex/KnexTaskQueue';
import { KnexTaskRuns } from './knex/KnexTaskRuns';

/**
 * The knex implementation of {@link MigrationStore}, for PostgreSQL (several replicas) and
 * SQLite (one process). Each group of methods lives in its own part under `./knex/`.
 *
 * @public
 */
export class KnexMigrationStore implements MigrationStore {
  private readonly records: KnexMigrationRecords;
  private readonly phases: KnexPhaseTransitions;
  private readonly approvals: KnexApprovals;
  private readonly queue: KnexTaskQueue;
  private readonly runs: KnexTaskRuns;
  private readonly files: KnexArtifactRecords;
  private readonly journals: KnexJournalStore;

  /** Connects through the plugin's database service and applies the schema migrations. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<KnexMigrationStore> {
    const knex = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await applyDatabaseMigrations(knex);
    }
    return new KnexMigrationStore(knex);
  }

  /** Wraps a knex instance whose schema is already migrated. */
  constructor(db: Knex) {
    this.records = new KnexMigrationRecords(db);
    this.phases = new KnexPhaseTransitions(db);
    this.approvals = new KnexApprovals(db);
    this.queue = new KnexTaskQueue(db);
    this.runs = new KnexTaskRuns(db);
    this.files = new KnexArtifactRecords(db);
    this.journals = new KnexJournalStore(db);
  }

  createMigration(...args: Parameters<MigrationStore['createMigration']>) {
    return this.records.createMigration(...args);
  }

  getMigration(...args: Parameters<MigrationStore['getMigration']>) {
    return this.records.getMigration(...args);
  }

  listMigrations(...args: Parameters<MigrationStore['listMigrations']>) {
    return this.records.listMigrations(...args);
  }

  replaceMigrationResources(
    ...args: Parameters<MigrationStore['replaceMigrationResources']>
  ) {
    return this.records.replaceMigrationResources(...args);
  }

  setMigrationResourceWaves(
    ...args: Parameters<MigrationStore['setMigrationResourceWaves']>
  ) {
    return this.records.setMigrationResourceWaves(...args);
  }

  listActiveMigrationIds(
    ...args: Parameters<MigrationStore['listActiveMigrationIds']>
  ) {
    return this.records.listActiveMigrationIds(...args);
  }

  getPhases(...args: Parameters<MigrationStore['getPhases']>) {
    return this.records.getPhases(...args);
  }

  transitionMigration(
    ...args: Parameters<MigrationStore['transitionMigration']>
  ) {
    return this.records.transitionMigration(...args);
  }

  openPhase(...args: Parameters<MigrationStore['openPhase']>) {
    return this.phases.openPhase(...args);
  }

  gatePhase(...args: Parameters<MigrationStore['gatePhase']>) {
    return this.approvals.gatePhase(...args);
  }

  completePhase(...args: Parameters<MigrationStore['completePhase']>) {
    return this.phases.completePhase(...args);
  }

  completeMigration(...args: Parameters<MigrationStore['completeMigration']>) {
    return this.phases.completeMigration(...args);
  }

  finishRollback(...args: Parameters<MigrationStore['finishRollback']>) {
    return this.phases.finishRollback(...args);
  }

  decideApproval(...args: Parameters<MigrationStore['decideApproval']>) {
    return this.approvals.decideApproval(...args);
  }

  listApprovals(...args: Parameters<MigrationStore['listApprovals']>) {
    return this.approvals.listApprovals(...args);
  }

  startRollback(...args: Parameters<MigrationStore['startRollback']>) {
    return this.phases.startRollback(...args);
  }

  retryTask(...args: Parameters<MigrationStore['retryTask']>) {
    return this.phases.retryTask(...args);
  }

  getTask(...args: Parameters<MigrationStore['getTask']>) {
    return this.records.getTask(...args);
  }

  getTaskPayload(...args: Parameters<MigrationStore['getTaskPayload']>) {
    return this.records.getTaskPayload(...args);
  }

  getPhaseSummaries(...args: Parameters<MigrationStore['getPhaseSummaries']>) {
    return this.records.getPhaseSummaries(...args);
  }

  claimTasks(...args: Parameters<MigrationStore['claimTasks']>) {
    return this.queue.claimTasks(...args);
  }

  heartbeat(...args: Parameters<MigrationStore['heartbeat']>) {
    return this.runs.heartbeat(...args);
  }

  reportProgress(...args: Parameters<MigrationStore['reportProgress']>) {
    return this.runs.reportProgress(...args);
  }

  completeTask(...args: Parameters<MigrationStore['completeTask']>) {
    return this.runs.completeTask(...args);
  }

  failTask(...args: Parameters<MigrationStore['failTask']>) {
    return this.runs.failTask(...args);
  }

  getCheckpoint(...args: Parameters<MigrationStore['getCheckpoint']>) {
    return this.runs.getCheckpoint(...args);
  }

  putCheckpoint(...args: Parameters<MigrationStore['putCheckpoint']>) {
    return this.runs.putCheckpoint(...args);
  }

  releaseTask(...args: Parameters<MigrationStore['releaseTask']>) {
    return this.queue.releaseTask(...args);
  }

  deferTask(...args: Parameters<MigrationStore['deferTask']>) {
    return this.queue.deferTask(...args);
  }

  returnExpiredLeases(
    ...args: Parameters<MigrationStore['returnExpiredLeases']>
  ) {
    return this.queue.returnExpiredLeases(...args);
  }

  getQueueDepth(...args: Parameters<MigrationStore['getQueueDepth']>) {
    return this.queue.getQueueDepth(...args);
  }

  putArtifact(...args: Parameters<MigrationStore['putArtifact']>) {
    return this.files.putArtifact(...args);
  }

  getArtifact(...args: Parameters<MigrationStore['getArtifact']>) {
    return this.files.getArtifact(...args);
  }

  getStoredArtifact(...args: Parameters<MigrationStore['getStoredArtifact']>) {
    return this.files.getStoredArtifact(...args);
  }

  listArtifacts(...args: Parameters<MigrationStore['listArtifacts']>) {
    return this.files.listArtifacts(...args);
  }

  appendAuditEvent(...args: Parameters<MigrationStore['appendAuditEvent']>) {
    return this.files.appendAuditEvent(...args);
  }

  listAuditEvents(...args: Parameters<MigrationStore['listAuditEvents']>) {
    return this.files.listAuditEvents(...args);
  }

  recordEnvironmentValidation(
    ...args: Parameters<MigrationStore['recordEnvironmentValidation']>
  ) {
    return this.files.recordEnvironmentValidation(...args);
  }

  listEnvironmentValidations(
    ...args: Parameters<MigrationStore['listEnvironmentValidations']>
  ) {
    return this.files.listEnvironmentValidations(...args);
  }

  readJournal(...args: Parameters<MigrationStore['readJournal']>) {
    return this.journals.readJournal(...args);
  }

  resetJournal(...args: Parameters<MigrationStore['resetJournal']>) {
    return this.journals.resetJournal(...args);
  }

  appendJournal(...args: Parameters<MigrationStore['appendJournal']>) {
    return this.journals.appendJournal(...args);
  }
}
