import type {
  IacCheckResult,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';
import type { IacNetwork } from '../model';
import { ipv4RangesOverlap, parseIpv4Cidr, type Ipv4Range } from './ipv4Cidr';

/**
 * A network that exists in the target environment, as a cloud lists it.
 *
 * @public
 */
export interface ExistingNetwork {
  id: string;
  name: string;
  cidrs: string[];
}

/**
 * Two ranges that overlap: one of the generated networks (or its subnets) and one of an existing
 * network of the target.
 *
 * @public
 */
export interface LandingZoneOverlap {
  /** The generated network's key and name. */
  network: { key: string; name: string };
  /** Our range (the network's block, or a subnet's when the network's block is not IPv4). */
  ours: string;
  /** The existing network. */
  existing: { id: string; name: string };
  /** Its ranges that overlap ours. */
  theirs: string[];
}

/** The check's id in the IaC report. */
export const LANDING_ZONE_CHECK_ID = 'landing-zone.cidr-overlap';
const TITLE = "Landing zone: generated networks do not overlap the target's";

function ourRanges(network: IacNetwork): Ipv4Range[] {
  const block = parseIpv4Cidr(network.cidrBlock);
  if (block) return [block];
  return network.subnets.flatMap(s => parseIpv4Cidr(s.cidrBlock) ?? []);
}

/**
 * Every overlap between the generated networks and the target's existing ones, one per pair of
 * our range and existing network. An existing network the model imports (same id as a
 * network's `sourceId`) is the network itself, not a conflict. IPv6 ranges are not compared:
 * the generated networks are IPv4.
 *
 * @public
 */
export function findLandingZoneOverlaps(
  networks: readonly IacNetwork[],
  existing: readonly ExistingNetwork[],
): LandingZoneOverlap[] {
  const theirs = existing.map(e => ({
    network: e,
    ranges: e.cidrs.flatMap(c => parseIpv4Cidr(c) ?? []),
  }));
  const overlaps: LandingZoneOverlap[] = [];
  for (const network of networks) {
    for (const ours of ourRanges(network)) {
      for (const their of theirs) {
        if (network.sourceId && network.sourceId === their.network.id) continue;
        const hits = their.ranges.filter(r => ipv4RangesOverlap(ours, r));
        if (hits.length === 0) continue;
        overlaps.push({
          network: { key: network.key, name: network.name },
          ours: ours.cidr,
          existing: { id: their.network.id, name: their.network.name },
          theirs: [...new Set(hits.map(h => h.cidr))],
        });
      }
    }
  }
  return overlaps;
}

function finding(overlap: LandingZoneOverlap): IacFinding {
  const { network, existing } = overlap;
  return {
    status: 'fail',
    message: `Network ${network.name} (${
      overlap.ours
    }) overlaps ${overlap.theirs.join(', ')} of the existing network ${
      existing.name
    } (${existing.id})`,
    address: `network ${network.key}`,
    remediation: `Choose a range for ${
      network.name
    } outside ${overlap.theirs.join(', ')}, or land the wave in ${
      existing.name
    } instead of a new network`,
  };
}

/**
 * The landing-zone check of the IaC report: fails with one finding per overlap (our range, the
 * existing ranges, the network id); passes, having compared every generated network, when there
 * is none; is skipped with the reason when the target's networks could not be listed.
 *
 * @public
 */
export function landingZoneCheck(
  networks: readonly IacNetwork[],
  existing: readonly ExistingNetwork[] | { skipped: string },
): IacCheckResult {
  if (!Array.isArray(existing)) {
    return {
      id: LANDING_ZONE_CHECK_ID,
      title: TITLE,
      status: 'pass',
      checked: 0,
      findings: [],
      skipped: (existing as { skipped: string }).skipped,
    };
  }
  const findings = findLandingZoneOverlaps(networks, existing).map(finding);
  return {
    id: LANDING_ZONE_CHECK_ID,
    title: TITLE,
    status: findings.length ? 'fail' : 'pass',
    checked: networks.length,
    findings,
  };
}
