import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { xlsxSheets } from './readXlsx';
import { columnOf } from './sheetRows';

/**
 * A zip of the given parts, written by hand so the XML is exactly what a test says (exceljs
 * writes its own): deflated, or stored for the parts named in `stored`.
 */
function zip(parts: Record<string, string>, stored: string[] = []): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = Buffer.from(text, 'utf8');
    const method = stored.includes(name) ? 0 : 8;
    const body = method === 0 ? data : zlib.deflateRawSync(data);
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(zlib.crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(zlib.crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, body);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A workbook whose tabs are `sheets` (name → worksheet XML body), parts in reverse order. */
function workbookParts(
  sheets: Record<string, string>,
  sharedStrings?: string,
): Record<string, string> {
  const names = Object.keys(sheets);
  const parts: Record<string, string> = {
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${names
      .map(
        (name, i) =>
          `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">${names
      .map(
        (_, i) =>
          // Absolute and relative targets; the first tab in the last part, as after reordering tabs.
          `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${
            i % 2 ? '/xl/' : ''
          }worksheets/sheet${names.length - i}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  };
  names.forEach((name, i) => {
    parts[
      `xl/worksheets/sheet${names.length - i}.xml`
    ] = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheets[name]}</sheetData></worksheet>`;
  });
  if (sharedStrings !== undefined) {
    parts[
      'xl/sharedStrings.xml'
    ] = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${sharedStrings}</sst>`;
  }
  return parts;
}

async function read(input: Buffer | Readable, file = 'test.xlsx') {
  const stream = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  const sheets: { name?: string; header: string[]; rows: unknown[] }[] = [];
  for await (const sheet of xlsxSheets(stream, file)) {
    const rows: unknown[] = [];
    for await (const batch of sheet.table.batches) {
      for (const row of batch) rows.push([row.line, ...row.values]);
    }
    sheets.push({ name: sheet.name, header: sheet.table.header, rows });
  }
  return sheets;
}

const SHARED = [
  '<si><t>VM</t></si>',
  '<si><t xml:space="preserve">  Memory </t></si>',
  // Rich text: the runs joined, the phonetic run (a Japanese reading) left out.
  '<si><r><rPr><b/></rPr><t>app</t></r><r><t xml:space="preserve">-01 </t></r><rPh sb="0" eb="1"><t>アップ</t></rPh></si>',
  '<si><t>R&amp;D &lt;lab&gt; &#x2603;</t></si>',
  '<si><t>line one_x000D_&#10;line two</t></si>',
  '<si><t/></si>',
].join('');

describe('xlsxSheets', () => {
  it('reads shared, inline, rich, boolean, number, error and formula cells, with gaps', async () => {
    const sheets = await read(
      zip(
        workbookParts(
          {
            vInfo: [
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Flag</t></is></c></row>',
              // Row 2 is missing: the next row says it is row 3. Column C is skipped.
              '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>1.5E3</v></c><c r="D3" t="b"><v>1</v></c></row>',
              // Cells without a reference follow the one before; an inline rich string.
              '<row r="4"><c t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r><rPh><t>x</t></rPh></is></c><c><v>-0.25</v></c><c r="D4" t="b"><v>0</v></c></row>',
              '<row r="5"><c r="A5" t="s"><v>3</v></c><c r="B5" t="e"><v>#N/A</v></c></row>',
              // Formulas by their cached result; a styled cell without a value is empty.
              '<row r="6"><c r="A6" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="B6"><f>1+1</f><v>2</v></c><c r="C6" s="1"/></row>',
              '<row r="7"><c r="A7" t="s"><v>4</v></c><c r="B7" t="d"><v>2024-03-01T00:00:00Z</v></c></row>',
              // Empty rows (no cells, or only empty ones) are not rows of the table.
              '<row r="8"/><row r="9"><c r="A9" t="s"><v>5</v></c></row>',
            ].join(''),
          },
          SHARED,
        ),
      ),
    );
    expect(sheets).toEqual([
      {
        name: 'vInfo',
        header: ['VM', 'Memory', '', 'Flag'],
        rows: [
          [3, 'app-01 ', '1500', '', 'True'],
          [4, 'inline ', '-0.25', '', 'False'],
          [5, 'R&D <lab> ☃', '#N/A', '', ''],
          [6, 'ab', '2', '', ''],
          [7, 'line one\r\nline two', '2024-03-01T00:00:00.000Z', '', ''],
        ],
      },
    ]);
  });

  it('lists the sheets in tab order, reads stored parts and prefixed elements, keeps values past the header', async () => {
    const parts = workbookParts({
      vHost:
        '<x:row r="1" xmlns:x="urn:x"><x:c r="A1" t="inlineStr"><x:is><x:t>Host</x:t></x:is></x:c></x:row><x:row r="2" xmlns:x="urn:x"><x:c r="A2" t="inlineStr"><x:is><x:t>esx-1</x:t></x:is></x:c><x:c r="C2"><x:v>7</x:v></x:c></x:row>',
      Empty: '',
      vDisk:
        '<row r="1"><c r="B1" t="inlineStr"><is><t>Disk</t></is></c></row>',
    });
    const sheets = await read(zip(parts, ['xl/worksheets/sheet3.xml']));
    expect(sheets).toEqual([
      // A value past the header is kept, so the row is rejected for its field count.
      { name: 'vHost', header: ['Host'], rows: [[2, 'esx-1', '', '7']] },
      { name: 'vDisk', header: ['', 'Disk'], rows: [] },
    ]);
  });

  it('reads only the header of a sheet whose rows are not taken', async () => {
    const rows = Array.from(
      { length: 20000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`,
    ).join('');
    const file = zip(
      workbookParts({
        vCPU: `<row r="1"><c r="A1" t="inlineStr"><is><t>VM</t></is></c></row>${rows}<row><c><v>1</c></row>`,
        vHost: '<row r="1"><c t="inlineStr"><is><t>Host</t></is></c></row>',
      }),
    );
    const names: (string | undefined)[] = [];
    for await (const sheet of xlsxSheets(Readable.from([file]), 'x.xlsx')) {
      names.push(sheet.name);
    }
    // The malformed XML at the end of vCPU (past the first inflated piece) is never reached.
    expect(names).toEqual(['vCPU', 'vHost']);
  });

  it('names the file and the cell that refers to a shared string the workbook lacks', async () => {
    const file = zip(
      workbookParts(
        {
          vInfo:
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>9</v></c></row>',
        },
        '<si><t>VM</t></si>',
      ),
    );
    await expect(read(file, 'bad.xlsx')).rejects.toThrow(
      'bad.xlsx: not readable as an xlsx workbook: sheet vInfo row 2 column 2 refers to shared string 9; the workbook has 1',
    );
  });

  it('refuses what is not a workbook: not a zip, no workbook part, malformed XML', async () => {
    await expect(read(Buffer.from('VM,CPUs\na,1\n'), 'a.xlsx')).rejects.toThrow(
      /^a\.xlsx: not readable as an xlsx workbook: end of central directory record signature not found/i,
    );
    await expect(
      read(zip({ 'docProps/app.xml': '<Properties/>' }), 'b.xlsx'),
    ).rejects.toThrow(
      'b.xlsx: not readable as an xlsx workbook: it has no xl/workbook.xml',
    );
    await expect(
      read(
        zip(
          workbookParts({
            vInfo:
              '<row r="1"><c r="A1" t="inlineStr"><is><t>VM</is></c></row>',
          }),
        ),
        'c.xlsx',
      ),
    ).rejects.toThrow(
      /^c\.xlsx: not readable as an xlsx workbook: .*sheet1\.xml:1:\d+: unexpected close tag/,
    );
  });

  it('reads a local file in place and removes the copy of any other stream, also when left early', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-test-'));
    const copies = () =>
      fs.readdirSync(os.tmpdir()).filter(f => f.startsWith('sirsi-xlsx-'))
        .length;
    const before = copies();
    try {
      const parts = workbookParts({
        vInfo: '<row r="1"><c t="inlineStr"><is><t>VM</t></is></c></row>',
        vHost: '<row r="1"><c t="inlineStr"><is><t>Host</t></is></c></row>',
      });
      const file = path.join(dir, 'book.xlsx');
      fs.writeFileSync(file, zip(parts));
      const local = await read(fs.createReadStream(file));
      expect(local.map(s => s.name)).toEqual(['vInfo', 'vHost']);

      for await (const sheet of xlsxSheets(
        Readable.from([fs.readFileSync(file)]),
        'url',
      )) {
        expect(sheet.name).toBe('vInfo');
        expect(copies()).toBe(before + 1);
        break;
      }
      expect(copies()).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('columnOf', () => {
  it('reads the column letters of a reference', () => {
    expect(columnOf('A1')).toBe(1);
    expect(columnOf('Z9')).toBe(26);
    expect(columnOf('AA10')).toBe(27);
    expect(columnOf('$C$5')).toBe(3);
    expect(columnOf('XFD1048576')).toBe(16384);
  });
});
