import type {
  AssessmentSizing,
  DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import type { InstanceOffer, RegionPricing } from '../pricing/RegionPricing';
import type { AssessmentSettings } from '../settings';
import { round } from '../util/numbers';

/** Utilization evidence that counts as a full week of hourly samples. */
const HIGH_CONFIDENCE_SAMPLES = 168;

const ARM_INSTANCE_TYPE =
  /^([a-z]+\d+g[a-z]*\.|standard_[a-z]+\d+p[a-z]*_v\d|t2a-|c4a-)/i;

/**
 * The CPU architecture a resource runs on: arm64 when its current instance type is an Arm type
 * (Graviton `*g.*`, Azure `*p*_v5`, GCP `t2a-`/`c4a-`) or its `architecture`/`arch` tag says so.
 */
export function architectureOf(
  resource: DiscoveredResource,
): 'x86_64' | 'arm64' {
  const tag = (
    resource.tags.architecture ??
    resource.tags.arch ??
    ''
  ).toLowerCase();
  if (tag === 'arm64' || tag === 'aarch64') return 'arm64';
  if (tag === 'x86_64' || tag === 'amd64') return 'x86_64';
  const type = resource.specs.instanceType;
  return type && ARM_INSTANCE_TYPE.test(type) ? 'arm64' : 'x86_64';
}

function hasWindowsLicense(resource: DiscoveredResource) {
  return resource.specs.os?.family === 'windows';
}

function windowIsAtLeastAWeek(window: string | undefined) {
  if (!window) return false;
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?/.exec(window);
  if (!m) return false;
  return Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0) >= 7;
}

/**
 * Picks the cheapest instance types that fit, memoised per requirement: many machines share the
 * same shape, and a catalog scan per machine is what makes rightsizing 100,000 VMs slow.
 */
export class InstancePicker {
  private readonly memo = new Map<
    string,
    { offer: InstanceOffer; fits: boolean }
  >();
  private readonly byEffectivePrice: Record<
    'linux' | 'windows',
    InstanceOffer[]
  >;

  constructor(pricing: RegionPricing, allowBurstable: boolean) {
    const offers = pricing.instances.filter(
      o => allowBurstable || o.category !== 'burstable',
    );
    const license = pricing.windowsLicensePerVcpuHour;
    const windows = [...offers].sort(
      (a, b) =>
        a.hourlyPrice +
          license * a.vcpus -
          (b.hourlyPrice + license * b.vcpus) ||
        a.vcpus - b.vcpus ||
        a.memoryGiB - b.memoryGiB ||
        a.name.localeCompare(b.name),
    );
    this.byEffectivePrice = { linux: offers, windows };
  }

  /** Cheapest fitting offer, or the largest one (fits false) when nothing is big enough. */
  pick(
    vcpus: number,
    memoryGiB: number,
    architecture: 'x86_64' | 'arm64',
    windows: boolean,
  ): { offer: InstanceOffer; fits: boolean } | undefined {
    const key = `${vcpus}|${memoryGiB}|${architecture}|${windows ? 1 : 0}`;
    const memo = this.memo.get(key);
    if (memo) return memo;
    const list = this.byEffectivePrice[windows ? 'windows' : 'linux'];
    let largest: InstanceOffer | undefined;
    let result: { offer: InstanceOffer; fits: boolean } | undefined;
    for (const offer of list) {
      if (offer.architecture !== architecture) continue;
      if (offer.vcpus >= vcpus && offer.memoryGiB >= memoryGiB) {
        result = { offer, fits: true };
        break;
      }
      if (
        !largest ||
        offer.memoryGiB > largest.memoryGiB ||
        (offer.memoryGiB === largest.memoryGiB && offer.vcpus > largest.vcpus)
      ) {
        largest = offer;
      }
    }
    if (!result && largest) result = { offer: largest, fits: false };
    if (result) this.memo.set(key, result);
    return result;
  }
}

/**
 * Rightsizes one machine (a VM, or a database server with vCPU/memory figures) for the target:
 * with utilization, P95 × comfort factor (floors 1 vCPU / 0.5 GiB); without, the allocated size
 * as-is with low confidence. Returns undefined when the resource has neither vCPU nor memory.
 */
export function rightsize(
  resource: DiscoveredResource,
  picker: InstancePicker,
  pricing: RegionPricing,
  settings: AssessmentSettings,
): AssessmentSizing | undefined {
  const vcpus = resource.specs.vcpus;
  const memoryGiB =
    resource.specs.memoryMiB !== undefined
      ? resource.specs.memoryMiB / 1024
      : undefined;
  if (!vcpus && !memoryGiB) return undefined;

  const u = resource.utilization;
  const comfort = settings.comfortFactor;
  const architecture = architectureOf(resource);
  const cpuP95 = vcpus && u?.cpuP95 !== undefined ? u.cpuP95 : undefined;
  const memP95 = memoryGiB && u?.memP95 !== undefined ? u.memP95 : undefined;

  const parts: string[] = [];
  let requiredVcpus: number;
  if (cpuP95 !== undefined) {
    const raw = (vcpus! * cpuP95 * comfort) / 100;
    requiredVcpus = Math.max(settings.minVcpus, raw);
    parts.push(
      `CPU P95 ${cpuP95}% of ${vcpus} vCPU × ${comfort} = ${round(
        raw,
        2,
      )} vCPU`,
    );
  } else {
    requiredVcpus = Math.max(settings.minVcpus, vcpus ?? settings.minVcpus);
    parts.push(`CPU as allocated: ${vcpus ?? 'unknown'} vCPU`);
  }
  let requiredMemoryGiB: number;
  if (memP95 !== undefined) {
    const raw = (memoryGiB! * memP95 * comfort) / 100;
    requiredMemoryGiB = Math.max(settings.minMemoryGiB, raw);
    parts.push(
      `memory P95 ${memP95}% of ${round(
        memoryGiB!,
        2,
      )} GiB × ${comfort} = ${round(raw, 2)} GiB`,
    );
  } else {
    requiredMemoryGiB = Math.max(
      settings.minMemoryGiB,
      memoryGiB ?? settings.minMemoryGiB,
    );
    parts.push(
      `memory as allocated: ${
        memoryGiB !== undefined ? `${round(memoryGiB, 2)} GiB` : 'unknown'
      }`,
    );
  }
  requiredVcpus = round(requiredVcpus, 4);
  requiredMemoryGiB = round(requiredMemoryGiB, 4);

  const basis =
    cpuP95 !== undefined || memP95 !== undefined ? 'utilization' : 'allocated';
  let confidence: AssessmentSizing['confidence'] = 'low';
  if (cpuP95 !== undefined && memP95 !== undefined) {
    const evidence =
      (u?.samples ?? 0) >= HIGH_CONFIDENCE_SAMPLES ||
      windowIsAtLeastAWeek(u?.window);
    confidence = evidence ? 'high' : 'medium';
  } else if (basis === 'utilization') {
    confidence = 'medium';
  }

  const windows = hasWindowsLicense(resource);
  const picked = picker.pick(
    requiredVcpus,
    requiredMemoryGiB,
    architecture,
    windows,
  );
  if (!picked) return undefined;
  const { offer, fits } = picked;
  const license = windows ? pricing.windowsLicensePerVcpuHour * offer.vcpus : 0;
  const choice = fits
    ? `${offer.name} (${offer.vcpus} vCPU, ${
        offer.memoryGiB
      } GiB) is the cheapest ${architecture} fit at ${round(
        offer.hourlyPrice + license,
        6,
      )} ${pricing.currency}/h${windows ? ' incl. Windows license' : ''}`
    : `no ${architecture} type in ${pricing.region} is large enough; the largest, ${offer.name} (${offer.vcpus} vCPU, ${offer.memoryGiB} GiB), was taken`;

  const inputs: AssessmentSizing['inputs'] = {
    comfortFactor: comfort,
    architecture,
  };
  if (vcpus !== undefined) inputs.vcpus = vcpus;
  if (memoryGiB !== undefined) inputs.memoryGiB = round(memoryGiB, 4);
  if (cpuP95 !== undefined) inputs.cpuP95 = cpuP95;
  if (memP95 !== undefined) inputs.memP95 = memP95;
  if (u?.samples !== undefined) inputs.samples = u.samples;
  if (u?.window !== undefined) inputs.window = u.window;

  return {
    basis,
    confidence,
    inputs,
    required: { vcpus: requiredVcpus, memoryGiB: requiredMemoryGiB },
    instanceType: offer.name,
    family: offer.family,
    vcpus: offer.vcpus,
    memoryGiB: offer.memoryGiB,
    architecture: offer.architecture,
    hourlyPrice: offer.hourlyPrice,
    hourlyLicensePrice: round(license, 6),
    fits,
    reason: `${parts.join('; ')} → ${choice}`,
  };
}
