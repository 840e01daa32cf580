import type { OsSpec } from '@sirsi-nexus/plugin-migration-common';

/** Most numeric cells: digits only, which read the same with either decimal separator. */
const WHOLE_NUMBER = /^\d+$/;

/**
 * Parses a number as spreadsheets export it: `16384`, `16,384`, `1.5`, or `1,5` in files whose
 * delimiter is `;`. Returns undefined for anything else.
 */
export function parseNumber(
  raw: string | undefined,
  decimalComma = false,
): number | undefined {
  if (raw === undefined) return undefined;
  if (WHOLE_NUMBER.test(raw)) return Number(raw);
  let text = raw.replace(/[\s\u00a0%]/g, '');
  if (text === '') return undefined;
  if (decimalComma) {
    text = text.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  } else {
    text = text.replace(/,(?=\d{3}(\D|$))/g, '');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return undefined;
  return Number(text);
}

/** `True`, `yes`, `1` → true; `False`, `no`, `0` → false. */
export function parseBoolean(raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(value)) return true;
  if (['false', 'no', 'n', '0'].includes(value)) return false;
  return undefined;
}

/** IP addresses from a list separated by commas, semicolons or spaces; duplicates removed. */
export function splitIps(raw: string | undefined): string[] {
  if (!raw) return [];
  // Most cells hold one address: nothing to split.
  if (isIp(raw)) return [raw];
  const ips = raw
    .split(/[\s,;]+/)
    .map(ip => ip.trim())
    .filter(isIp);
  return [...new Set(ips)];
}

/** Whether `text` is an IPv4 or IPv6 address, leniently. */
function isIp(text: string): boolean {
  return /^[0-9a-f.:]+$/i.test(text) && /[.:]/.test(text);
}

const LINUX =
  /linux|centos|red ?hat|rhel|ubuntu|debian|suse|sles|oracle|rocky|alma|fedora|amazon|photon|coreos/;

/** The first address of a list, without the cost of splitting it when it holds one. */
export function firstIp(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (/^[0-9a-f.:]+$/i.test(raw))
    return raw.includes('.') || raw.includes(':') ? raw : undefined;
  return splitIps(raw)[0];
}

/**
 * An operating system from the names tools report, e.g. `Microsoft Windows Server 2012 R2
 * (64-bit)` or `CentOS 7 (64-bit)`; `version` when given separately (Azure Migrate).
 */
export function parseOs(
  name: string | undefined,
  version?: string,
): OsSpec | undefined {
  if (!name && !version) return undefined;
  const text = (name ?? '').trim();
  const lower = text.toLowerCase();
  let family: OsSpec['family'] = 'other';
  if (/windows/.test(lower)) family = 'windows';
  else if (LINUX.test(lower)) family = 'linux';
  const os: OsSpec = { family };
  if (text) os.name = text;
  const detected = version?.trim() || osVersion(text, family);
  if (detected) os.version = detected;
  return os;
}

function osVersion(name: string, family: OsSpec['family']) {
  const clean = name.replace(/\((32|64)-bit\)/i, '');
  if (family === 'windows') {
    const server = /server\s+(\d{4}(?:\s+R2)?)/i.exec(clean);
    if (server) return server[1].replace(/\s+/, ' ');
    const desktop = /windows\s+(\d+(?:\.\d+)?|xp|vista)/i.exec(clean);
    return desktop?.[1];
  }
  return /\b(\d+(?:\.\d+)*)\b/.exec(clean)?.[1];
}

/**
 * VMware guest OS types that stand for more than one release, and the releases: the configuration
 * file's guest OS is picked from this list when the VM is created, so it cannot tell them apart.
 */
const AMBIGUOUS_GUEST_OS: [RegExp, string][] = [
  [/windows server 2012(?! r2)\b/i, '2012 or 2012 R2'],
  [/windows server 2016 or later/i, '2016, 2019, 2022 or later'],
  [/windows server 2019 or later/i, '2019, 2022 or later'],
  [/\bor later\b/i, 'this release or a later one'],
];

/**
 * The releases a VMware guest OS type may stand for, when it stands for more than one
 * (`Microsoft Windows Server 2012 (64-bit)` → `2012 or 2012 R2`); undefined when it names one.
 */
export function ambiguousOsVersion(
  name: string | undefined,
): string | undefined {
  if (!name) return undefined;
  return AMBIGUOUS_GUEST_OS.find(([pattern]) => pattern.test(name))?.[1];
}

/** A tag key from a column name: `Backup Policy` → `backup-policy`. */
export function tagKey(column: string): string {
  return column
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
