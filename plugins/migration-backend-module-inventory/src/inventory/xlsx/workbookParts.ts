import path from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { XlsxArchive } from './zipArchive';

/** A worksheet as the workbook lists it: its tab name and the zip part holding its cells. */
export interface WorkbookSheet {
  name: string;
  part: string;
}

/** The element name without its namespace prefix (`x:row` → `row`, as some writers prefix). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Excel's escapes for characters XML cannot hold (`_x000D_` for a carriage return). */
export function unescapeExcel(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** A saxes parser for one part: no namespace processing, positions kept for its messages. */
export function xmlParser(part: string): SaxesParser<{}> {
  return new SaxesParser({ fileName: part });
}

/** Parses a small part whole, calling `onOpen` for every element. */
function parseWhole(
  part: string,
  xml: string,
  onOpen: (tag: SaxesTagPlain) => void,
) {
  const parser = xmlParser(part);
  parser.on('opentag', onOpen);
  parser.write(xml).close();
}

/** A relationship target as a zip part name: relative to the source part's folder, or absolute. */
function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(
    path.posix.join(path.posix.dirname(source), target),
  );
}

/** The relationships part of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
function relsPart(part: string): string {
  return path.posix.join(
    path.posix.dirname(part),
    '_rels',
    `${path.posix.basename(part)}.rels`,
  );
}

interface Relationship {
  target: string;
  type: string;
}

async function relationships(
  archive: XlsxArchive,
  part: string,
): Promise<Map<string, Relationship>> {
  const rels = relsPart(part);
  const xml = await archive.text(rels);
  const byId = new Map<string, Relationship>();
  if (xml === undefined) return byId;
  parseWhole(rels, xml, tag => {
    if (localName(tag.name) !== 'Relationship') return;
    const { Id, Target, Type, TargetMode } = tag.attributes;
    if (Id && Target && TargetMode !== 'External') {
      byId.set(Id, { target: resolveTarget(part, Target), type: Type ?? '' });
    }
  });
  return byId;
}

/** The relationship id attribute of a `<sheet>` (`r:id`, whatever the prefix). */
function relationshipId(attributes: Record<string, string>) {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'id' || name.endsWith(':id')) return value;
  }
  return undefined;
}

/**
 * The worksheets of a workbook in tab order, found as Excel finds them: the package's main part
 * (`_rels/.rels`, usually `xl/workbook.xml`), its `<sheets>`, and their parts through the
 * workbook's relationships. Chart sheets (no cells) are left out. Also the shared strings' part.
 *
 * @throws Error when the workbook part is missing or not XML.
 */
export async function workbookStructure(archive: XlsxArchive): Promise<{
  sheets: WorkbookSheet[];
  sharedStrings?: string;
}> {
  const root = await relationships(archive, '');
  const main = [...root.values()].find(r => r.type.endsWith('/officeDocument'));
  const workbook = main?.target ?? 'xl/workbook.xml';
  const xml = await archive.text(workbook);
  if (xml === undefined) throw new Error(`it has no ${workbook}`);
  const rels = await relationships(archive, workbook);
  const sheets: WorkbookSheet[] = [];
  parseWhole(workbook, xml, tag => {
    if (localName(tag.name) !== 'sheet') return;
    const id = relationshipId(tag.attributes);
    const rel = id === undefined ? undefined : rels.get(id);
    if (rel && rel.type.endsWith('/worksheet') && archive.has(rel.target)) {
      sheets.push({ name: tag.attributes.name ?? '', part: rel.target });
    }
  });
  const strings = [...rels.values()].find(
    r => r.type.endsWith('/sharedStrings') && archive.has(r.target),
  );
  const fallback = 'xl/sharedStrings.xml';
  return {
    sheets,
    sharedStrings:
      strings?.target ?? (archive.has(fallback) ? fallback : undefined),
  };
}

/**
 * The shared strings, a plain string each (rich-text runs joined, phonetic runs left out):
 * RVTools writes every text cell through them, so a large estate has hundreds of thousands.
 */
export async function readSharedStrings(
  archive: XlsxArchive,
  part: string,
): Promise<string[]> {
  const strings: string[] = [];
  const parser = xmlParser(part);
  let item = '';
  let text = '';
  let inText = false;
  let phonetic = 0;
  parser.on('opentag', tag => {
    const name = localName(tag.name);
    if (name === 't' && phonetic === 0) {
      inText = !tag.isSelfClosing;
      text = '';
    } else if (name === 'si') item = '';
    else if (name === 'rPh') phonetic++;
  });
  parser.on('text', t => {
    if (inText) text += t;
  });
  parser.on('cdata', t => {
    if (inText) text += t;
  });
  parser.on('closetag', tag => {
    const name = localName(tag.name);
    if (name === 't' && inText) {
      item += text;
      inText = false;
    } else if (name === 'si') strings.push(unescapeExcel(item));
    else if (name === 'rPh') phonetic--;
  });
  for await (const chunk of archive.chunks(part)) parser.write(chunk);
  parser.close();
  return strings;
}
