/*
 * Residency rules: where a region is, where a profile wants data to live, and what a resource's
 * residency tag allows.
 */
import type { ComplianceProfile } from '../contract/values';
import type { ComplianceStatus } from './controls';
import {
  COUNTRY_GROUPS,
  EEA_COUNTRIES,
  EU_ADEQUACY_COUNTRIES,
  REGION_COUNTRIES,
} from './regions';

/**
 * The country (ISO 3166-1 alpha-2, lower case) a cloud region is in, when known.
 *
 * @public
 */
export function regionCountry(
  provider: string,
  region: string,
): string | undefined {
  const table = REGION_COUNTRIES[provider as keyof typeof REGION_COUNTRIES];
  return table?.[region.toLowerCase()];
}

/**
 * Where a compliance profile wants data to live.
 *
 * @public
 */
export interface ResidencyPolicy {
  /** What the allowed area is called in messages. */
  label: string;
  /** Countries where data may live. */
  allowed: readonly string[];
  /** Countries that are acceptable with extra safeguards (a warning). */
  conditional?: readonly string[];
  /** Status when the region is outside both lists. */
  outside: ComplianceStatus;
  remediation: string;
}

/**
 * Residency lists per compliance profile. GDPR: the EEA (adequacy countries warn); HIPAA: the
 * United States is expected by most business associate agreements (a warning, not a legal rule);
 * SOC 2 and none: no residency requirement.
 *
 * @public
 */
export const RESIDENCY_POLICIES: Readonly<
  Record<ComplianceProfile, ResidencyPolicy | undefined>
> = {
  none: undefined,
  soc2: undefined,
  gdpr: {
    label: 'the European Economic Area',
    allowed: EEA_COUNTRIES,
    conditional: EU_ADEQUACY_COUNTRIES,
    outside: 'fail',
    remediation:
      'Choose a target region inside the EEA, or document a GDPR chapter V transfer mechanism (adequacy decision, SCCs) before migrating personal data.',
  },
  hipaa: {
    label: 'the United States',
    allowed: ['us'],
    outside: 'warn',
    remediation:
      'Confirm that your business associate agreement with the cloud provider covers the chosen region, or choose a US region.',
  },
};

/**
 * Judges a target region against a profile's residency list.
 *
 * @public
 */
export function checkRegionResidency(
  profile: ComplianceProfile,
  provider: string,
  region: string,
):
  | { status: ComplianceStatus; message: string; remediation?: string }
  | undefined {
  const policy = RESIDENCY_POLICIES[profile];
  if (!policy) return undefined;
  const country = regionCountry(provider, region);
  if (!country) {
    return {
      status: 'warn',
      message: `The country of ${provider} region ${region} is not known, so residency in ${policy.label} cannot be confirmed.`,
      remediation: policy.remediation,
    };
  }
  if (policy.allowed.includes(country)) {
    return {
      status: 'pass',
      message: `${provider} region ${region} is in ${country.toUpperCase()}, inside ${
        policy.label
      }.`,
    };
  }
  if (policy.conditional?.includes(country)) {
    return {
      status: 'warn',
      message: `${provider} region ${region} is in ${country.toUpperCase()}, outside ${
        policy.label
      } but covered by an adequacy decision.`,
      remediation: policy.remediation,
    };
  }
  return {
    status: policy.outside,
    message: `${provider} region ${region} is in ${country.toUpperCase()}, outside ${
      policy.label
    }.`,
    remediation: policy.remediation,
  };
}

/**
 * Countries a residency tag value allows: comma/space separated country codes or groups
 * (`eu`, `eea`, `uk`), e.g. `eu`, `de,at`, `us`.
 *
 * @public
 */
export function residencyTagCountries(value: string): string[] {
  const out = new Set<string>();
  for (const part of value.toLowerCase().split(/[\s,;/]+/)) {
    if (!part) continue;
    const group = COUNTRY_GROUPS[part];
    if (group) group.forEach(c => out.add(c));
    else if (/^[a-z]{2}$/.test(part)) out.add(part);
  }
  return [...out];
}

/** Tag keys that state where a resource's data must stay. @public */
export const RESIDENCY_TAG_KEYS = [
  'data-residency',
  'data_residency',
  'residency',
];

/**
 * The residency tag of a resource, if any (case-insensitive key match).
 *
 * @public
 */
export function residencyTagOf(
  tags: Record<string, string>,
): string | undefined {
  for (const key of Object.keys(tags)) {
    const value = tags[key];
    if (RESIDENCY_TAG_KEYS.includes(key.toLowerCase()) && value.trim()) {
      return value.trim();
    }
  }
  return undefined;
}

/**
 * Whether a resource's residency tag excludes the target region. Undefined when it has no tag or
 * the region's country is unknown.
 *
 * @public
 */
export function residencyConflict(
  tags: Record<string, string>,
  provider: string,
  region: string,
): { tag: string; country?: string; conflict: boolean } | undefined {
  const tag = residencyTagOf(tags);
  if (!tag) return undefined;
  const allowed = residencyTagCountries(tag);
  if (allowed.length === 0) return undefined;
  const country = regionCountry(provider, region);
  if (!country) return { tag, conflict: false };
  return { tag, country, conflict: !allowed.includes(country) };
}
