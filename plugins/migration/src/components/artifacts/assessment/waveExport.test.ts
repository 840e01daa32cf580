import { sampleAssessment } from '../../../__testUtils__/artifactFixtures';
import { WAVE_EXPORT_COLUMNS, wavesToCsv, wavesToMarkdown } from './waveExport';

describe('wave export', () => {
  it('writes one CSV row per resource in wave order, with the wave facts', () => {
    const csv = wavesToCsv({
      ...sampleAssessment,
      waves: [...sampleAssessment.waves].reverse(),
    });
    // The fixture has no separators or quotes in its values: a plain split reads it.
    const data = csv
      .trim()
      .split('\r\n')
      .map(l => l.split(','));
    expect(data[0]).toEqual([...WAVE_EXPORT_COLUMNS]);
    const rows = data
      .slice(1)
      .map(r =>
        Object.fromEntries(WAVE_EXPORT_COLUMNS.map((c, i) => [c, r[i]])),
      );
    expect(rows.map(r => [r.Wave, r.Resource, r.Strategy])).toEqual([
      ['1', 'db-01', 'replatform'],
      ['2', 'web-01', expect.any(String)],
    ]);
    expect(rows[1]['Depends on waves']).toBe('1');
    expect(rows[0]['Data GiB']).toBe('200');
    expect(rows[0]['Why this wave']).toBe('web-01 depends on it');
  });

  it('quotes separators and defuses spreadsheet formulas in discovered names', () => {
    const [db, web] = sampleAssessment.resources;
    const csv = wavesToCsv({
      ...sampleAssessment,
      resources: [
        { ...db, name: 'db, "primary"' },
        { ...web, name: '=HYPERLINK("http://x")' },
      ],
    });
    const lines = csv.split('\r\n');
    expect(lines[1]).toContain(',"db, ""primary""",');
    expect(lines[2]).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes a Markdown table per wave and escapes pipes', () => {
    const [db, web] = sampleAssessment.resources;
    const md = wavesToMarkdown(
      { ...sampleAssessment, resources: [{ ...db, name: 'db|01' }, web] },
      'Web Shop',
    );
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Waves — Web Shop');
    expect(lines).toContain('## Wave 1 (1 resources)');
    expect(lines).toContain('## Wave 2 (1 resources)');
    const dbRow = lines.find(l => l.startsWith('| db'));
    expect(dbRow).toMatch(/^\| db\\\|01 \| /);
    // Every row of a table has as many cells as its header.
    const header = lines.find(l => l.startsWith('| Resource'))!;
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    expect(cells(dbRow!)).toBe(cells(header));
  });
});
