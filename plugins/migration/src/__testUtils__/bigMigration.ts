import type {
  Assessment,
  AssessmentResource,
  AssessmentWave,
} from '@sirsi-nexus/plugin-migration-common';
import { sampleAssessment } from './artifactFixtures';

/** The risk factor every tenth VM raises. */
const END_OF_LIFE = {
  id: 'os-end-of-life',
  title: 'End-of-life operating system',
  points: 20,
  detail: 'Windows Server 2008 R2',
  mitigation: 'Upgrade the OS before the move',
};

/**
 * An `assessment.json` of `count` VMs named `vm-0000`… in waves of `perWave`, each VM of a wave
 * depending on the first VM of the wave before, every tenth on an end-of-life OS: the shape of a
 * large estate's assessment.
 */
export function bigAssessment(count: number, perWave = 100): Assessment {
  const template = sampleAssessment.resources[1];
  const id = (i: number) => `vm-${String(i).padStart(4, '0')}`;
  const resources: AssessmentResource[] = Array.from(
    { length: count },
    (_, i) => {
      const wave = Math.floor(i / perWave) + 1;
      return {
        ...template,
        id: id(i),
        name: id(i),
        wave,
        moveGroup: `mg-${id(i)}`,
        dependsOn: wave > 1 ? [id((wave - 2) * perWave)] : [],
        risk: {
          score: i % 100,
          level: 'low',
          factors: i % 10 === 9 ? [END_OF_LIFE] : [],
        },
      };
    },
  );
  const waveCount = Math.ceil(count / perWave);
  const waves: AssessmentWave[] = Array.from({ length: waveCount }, (_, w) => ({
    ...sampleAssessment.waves[0],
    id: `wave-${w + 1}`,
    number: w + 1,
    members: resources.slice(w * perWave, (w + 1) * perWave).map(r => r.id),
    moveGroups: [],
    dependsOnWaves: w > 0 ? [w] : [],
    reasons: w > 0 ? [`depends on wave ${w}`] : ['nothing it depends on'],
  }));
  return {
    ...sampleAssessment,
    summary: {
      ...sampleAssessment.summary,
      resources: count,
      byKind: { vm: count },
      byStrategy: { rehost: count },
      waves: waveCount,
    },
    resources,
    moveGroups: [],
    waves,
    dependencies: {
      edges: resources.flatMap(r =>
        r.dependsOn.map(to => ({ from: r.id, to })),
      ),
      unresolved: [],
    },
    compliance: { ...sampleAssessment.compliance, checks: [] },
    advisor: { ...sampleAssessment.advisor, extraRisks: [] },
  };
}

/** `count` resource refs `resource:default/vm-0000`… as a migration's selection. */
export function bigSelection(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `resource:default/vm-${String(i).padStart(4, '0')}`,
  );
}
