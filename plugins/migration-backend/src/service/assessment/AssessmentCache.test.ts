import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import { createHash } from 'node:crypto';
import { AssessmentCache } from './AssessmentCache';
import { testAssessment } from './testAssessment';

/** Stored assessments by migration id, read the way MigrationService reads artifacts. */
function storedAssessments() {
  const contents = new Map<string, Buffer>();
  const reads: string[] = [];
  const summary = (id: string) => ({
    migrationId: id,
    name: MIGRATION_ARTIFACTS.assessment.name,
    mediaType: 'application/json',
    size: contents.get(id)!.length,
    sha256: createHash('sha256').update(contents.get(id)!).digest('hex'),
    createdAt: '2026-11-25T00:00:00.000Z',
  });
  return {
    reads,
    put: (id: string, count: number) =>
      contents.set(id, Buffer.from(JSON.stringify(testAssessment(count)))),
    service: {
      getArtifactSummary: async (id: string) => summary(id),
      getArtifact: async (id: string) => {
        reads.push(id);
        return { summary: summary(id), content: contents.get(id)! };
      },
    },
  };
}

describe('AssessmentCache', () => {
  it('reads each stored assessment once, also for concurrent requests', async () => {
    const store = storedAssessments();
    store.put('m1', 30);
    const cache = new AssessmentCache(store.service, 2);
    const [a, b] = await Promise.all([cache.get('m1'), cache.get('m1')]);
    expect(a.assessment.resources).toHaveLength(30);
    expect(b).toBe(a);
    await cache.get('m1');
    expect(store.reads).toEqual(['m1']);
  });

  it('keeps the most recently used entries, at most as many as it was given', async () => {
    const store = storedAssessments();
    for (const id of ['m1', 'm2', 'm3']) store.put(id, 5);
    const cache = new AssessmentCache(store.service, 2);
    await cache.get('m1');
    await cache.get('m2');
    await cache.get('m1');
    await cache.get('m3'); // m2 goes: m1 was used after it
    await cache.get('m1');
    await cache.get('m2');
    expect(store.reads).toEqual(['m1', 'm2', 'm3', 'm2']);
  });
});
