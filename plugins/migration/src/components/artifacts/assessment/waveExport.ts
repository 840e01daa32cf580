import type {
  Assessment,
  AssessmentResource,
  AssessmentWave,
} from '@sirsi-nexus/plugin-migration-common';

/** Columns of the wave export: one row per resource, in wave order. */
export const WAVE_EXPORT_COLUMNS = [
  'Wave',
  'Resource',
  'Entity',
  'System',
  'Strategy',
  'Instance type',
  'Data GiB',
  'Depends on waves',
  'Cutover start',
  'Cutover end',
  'Why this wave',
] as const;

type Row = Record<(typeof WAVE_EXPORT_COLUMNS)[number], string>;

/** The waves in order, each with its resources' rows. */
function wavesWithRows(
  assessment: Assessment,
): { wave: AssessmentWave; rows: Row[] }[] {
  const byId = new Map(assessment.resources.map(r => [r.id, r]));
  const schedule = new Map(
    (assessment.schedule?.entries ?? []).map(e => [e.wave, e]),
  );
  const waves = [...assessment.waves].sort((a, b) => a.number - b.number);
  return waves.map(wave => ({
    wave,
    rows: wave.members.map(id => rowOf(wave, id, byId.get(id), schedule)),
  }));
}

function rowOf(
  wave: AssessmentWave,
  id: string,
  resource: AssessmentResource | undefined,
  schedule: Map<number, { cutoverStart?: string; cutoverEnd?: string }>,
): Row {
  const slot = schedule.get(wave.number);
  return {
    Wave: String(wave.number),
    Resource: resource?.name ?? id,
    Entity: resource?.entityRef ?? '',
    System: resource?.system ?? '',
    Strategy: resource?.strategy.strategy ?? '',
    'Instance type': resource?.sizing?.instanceType ?? '',
    'Data GiB': resource ? String(Math.round(resource.dataGiB * 10) / 10) : '',
    'Depends on waves': wave.dependsOnWaves.join(' '),
    'Cutover start': slot?.cutoverStart ?? '',
    'Cutover end': slot?.cutoverEnd ?? '',
    'Why this wave': wave.reasons.join('; '),
  };
}

/**
 * A CSV field per RFC 4180; values a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return first) are prefixed with `'`, since resource names come from discovered estates.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The waves and their resources as CSV (header row, CRLF line ends, one row per resource). */
export function wavesToCsv(assessment: Assessment): string {
  const lines = [
    WAVE_EXPORT_COLUMNS.map(csvField).join(','),
    ...wavesWithRows(assessment).flatMap(({ rows }) =>
      rows.map(row => WAVE_EXPORT_COLUMNS.map(c => csvField(row[c])).join(',')),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function markdownCell(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ');
}

/** The waves and their resources as Markdown: a heading and a table per wave. */
export function wavesToMarkdown(assessment: Assessment, title: string): string {
  const columns = WAVE_EXPORT_COLUMNS.filter(c => c !== 'Wave');
  const out = [`# Waves — ${markdownCell(title)}`, ''];
  for (const { wave, rows } of wavesWithRows(assessment)) {
    out.push(
      `## Wave ${wave.number} (${rows.length} resources)`,
      '',
      `| ${columns.join(' | ')} |`,
      `| ${columns.map(() => '---').join(' | ')} |`,
      ...rows.map(
        r => `| ${columns.map(c => markdownCell(r[c])).join(' | ')} |`,
      ),
      '',
    );
  }
  return out.join('\n');
}
