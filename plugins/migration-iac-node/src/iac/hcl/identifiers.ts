import { createHash } from 'node:crypto';

const MAX_IDENTIFIER_LENGTH = 64;

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8);
}

/** Folds accents and compatibility forms to ASCII where a plain equivalent exists. */
function foldToAscii(value: string): string {
  return value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Turns any name into a valid Terraform identifier: lower-case ASCII letters, digits and
 * underscores, starting with a letter, at most 64 characters (long names keep a hash suffix so
 * they stay distinct).
 *
 * @public
 */
export function toTerraformIdentifier(raw: string): string {
  let id = foldToAscii(raw)
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (id === '') id = `r_${shortHash(raw)}`;
  if (!/^[a-z]/.test(id)) id = `r_${id}`;
  if (id.length > MAX_IDENTIFIER_LENGTH) {
    id = `${id
      .slice(0, MAX_IDENTIFIER_LENGTH - 9)
      .replace(/_+$/, '')}_${shortHash(raw)}`;
  }
  return id;
}

/**
 * Hands out unique Terraform identifiers per scope (a resource type), derived from a readable
 * hint (the display name) or else the key: the first key to ask for an identifier gets it,
 * later keys that sanitise to the same identifier get `_2`, `_3`, ... Asking again with the
 * same key returns the same identifier.
 *
 * @public
 */
export class IdentifierAllocator {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  allocate(scope: string, key: string, hint: string = key): string {
    const scopedKey = `${scope}\u0000${key}`;
    const existing = this.byKey.get(scopedKey);
    if (existing) return existing;
    const base = toTerraformIdentifier(hint);
    let candidate = base;
    for (let n = 2; this.taken.has(`${scope}\u0000${candidate}`); n++) {
      candidate = `${base}_${n}`;
    }
    this.taken.add(`${scope}\u0000${candidate}`);
    this.byKey.set(scopedKey, candidate);
    return candidate;
  }
}

/**
 * Rules for the `name` argument of cloud resources, which the clouds restrict more than Terraform.
 *
 * @public
 */
export type CloudNameStyle =
  /** GCP resource names: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63. */
  | 'gcp'
  /** Azure resource names: letters, digits, `-`, `_`, `.`; start alphanumeric, end alphanumeric or `_`. */
  | 'azure'
  /** Azure Windows computer names: at most 15 letters, digits and hyphens, not all digits. */
  | 'azure-computer'
  /** AWS names (security groups): letters, digits, `-`, `_`, `.`, at most 255. */
  | 'aws';

/**
 * Sanitises a display name into a valid cloud resource name for the given style.
 *
 * @public
 */
export function toCloudName(raw: string, style: CloudNameStyle): string {
  const ascii = foldToAscii(raw);
  switch (style) {
    case 'gcp': {
      let name = ascii
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-+|-+$/g, '');
      if (!/^[a-z]/.test(name)) name = `r-${name}`;
      if (name.length > 63) name = `${name.slice(0, 54)}-${shortHash(raw)}`;
      return name.replace(/-+$/, '');
    }
    case 'azure': {
      let name = ascii
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .replace(/[.-]+$/, '');
      if (name === '') name = `r-${shortHash(raw)}`;
      if (name.length > 80) name = `${name.slice(0, 71)}-${shortHash(raw)}`;
      return name;
    }
    case 'azure-computer': {
      let name = ascii
        .replace(/[^A-Za-z0-9-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-+|-+$/g, '');
      if (name.length > 15)
        name = `${name.slice(0, 8)}-${shortHash(raw).slice(0, 6)}`;
      if (name === '' || /^[0-9]+$/.test(name))
        name = `vm-${shortHash(raw).slice(0, 6)}`;
      return name;
    }
    case 'aws':
    default: {
      let name = ascii.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-');
      if (name === '' || name === '-') name = `r-${shortHash(raw)}`;
      return name.length > 255
        ? `${name.slice(0, 246)}-${shortHash(raw)}`
        : name;
    }
  }
}

/**
 * GCP label keys and values: lower-case letters, digits, `_` and `-`, at most 63 characters;
 * keys start with a letter.
 *
 * @public
 */
export function toGcpLabel(raw: string, kind: 'key' | 'value'): string {
  let label = foldToAscii(raw)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/_+/g, '_');
  if (kind === 'key' && !/^[a-z]/.test(label)) label = `k_${label}`;
  return label.length > 63 ? `${label.slice(0, 54)}_${shortHash(raw)}` : label;
}
