import { ConflictError } from '@backstage/errors';
import {
  MIGRATION_ARTIFACTS,
  assessmentOverview,
  parseArtifact,
  type Assessment,
  type AssessmentOverview,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationService } from '../MigrationService';

/** A stored assessment read once: the document and its overview. */
export interface ReadAssessment {
  assessment: Assessment;
  overview: AssessmentOverview;
}

/** Assessments kept parsed; a 5,000-resource one takes some tens of MB in memory. */
const DEFAULT_ENTRIES = 4;

/**
 * The stored `assessment.json` of recently viewed migrations, parsed and checked once: the pages
 * of a big migration's resources are served from memory instead of reading, parsing and checking
 * up to 17 MB per request. Entries are keyed by migration id and the artifact's sha256, so a
 * re-written assessment is read again; the least recently used entry goes first.
 */
export class AssessmentCache {
  private readonly entries = new Map<string, Promise<ReadAssessment>>();

  constructor(
    private readonly service: Pick<
      MigrationService,
      'getArtifactSummary' | 'getArtifact'
    >,
    private readonly maxEntries = DEFAULT_ENTRIES,
  ) {}

  /** The migration's assessment; NotFoundError without one, ConflictError when it breaks the contract. */
  async get(migrationId: string): Promise<ReadAssessment> {
    const { name } = MIGRATION_ARTIFACTS.assessment;
    const summary = await this.service.getArtifactSummary(migrationId, name);
    const key = `${migrationId}@${summary.sha256}`;
    let entry = this.entries.get(key);
    if (entry) {
      // Most recently used last.
      this.entries.delete(key);
    } else {
      entry = this.read(migrationId);
      // A failed read is not kept: the next request tries again.
      entry.catch(() => this.entries.delete(key));
    }
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }

  private async read(migrationId: string): Promise<ReadAssessment> {
    const definition = MIGRATION_ARTIFACTS.assessment;
    const { content } = await this.service.getArtifact(
      migrationId,
      definition.name,
    );
    let assessment: Assessment;
    try {
      assessment = parseArtifact(
        definition,
        JSON.parse(content.toString('utf8')),
      );
    } catch (error) {
      throw new ConflictError((error as Error).message);
    }
    return { assessment, overview: assessmentOverview(assessment) };
  }
}
