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
 * Picks the cheapest instance type that fits from price-sorted lists (Linux, and Windows ranked by
 * the price including the per-vCPU license). A first-fit scan over a few dozen offers that stops
 * at the first fit is cheaper than any cache keyed by the (continuous) requirements.
 */
export class InstancePicker {
  private readonly lists: Record<
    'x86_64' | 'arm64',
    Record<'linux' | 'windows', InstanceOffer[]>
  >;
  private readonly largest: Record<
    'x86_64' | 'arm64',
    InstanceOffer | undefined
  >;

  constructor(pricing: RegionPricing, allowBurstable: boolean) {
    const offers = pricing.instances.filter(
      o => allowBurstable || o.category !== 'burstable',
    );
    const license = pricing.windowsLicensePerVcpuHour;
    const byWindowsPrice = (a: InstanceOffer, b: InstanceOffer) =>
      a.hourlyPrice + license * a.vcpus - (b.hourlyPrice + license * b.vcpus) ||
      a.vcpus - b.vcpus ||
      a.memoryGiB - b.memoryGiB ||
      a.name.localeCompare(b.name);
    const split = (arch: 'x86_64' | 'arm64') => {
      const linux = offers.filter(o => o.architecture === arch);
      return { linux, windows: [...linux].sort(byWindowsPrice) };
    };
    this.lists = { x86_64: split('x86_64'), arm64: split('arm64') };
    const biggest = (list: InstanceOffer[]) =>
      list.reduce<InstanceOffer | undefined>(
        (m, o) =>
          !m ||
          o.memoryGiB > m.memoryGiB ||
          (o.memoryGiB === m.memoryGiB && o.vcpus > m.vcpus)
            ? o
            : m,
        undefined,
      );
    this.largest = {
      x86_64: biggest(this.lists.x86_64.linux),
      arm64: biggest(this.lists.arm64.linux),
    };
  }

  /** Cheapest fitting offer, or the largest one (fits false) when nothing is big enough. */
  pick(
    vcpus: number,
    memoryGiB: number,
    architecture: 'x86_64' | 'arm64',
    windows: boolean,
  ): { offer: InstanceOffer; fits: boolean } | undefined {
    const list = this.lists[architecture][windows ? 'windows' : 'linux'];
    for (let i = 0; i < list.length; i++) {
      const offer = list[i];
      if (offer.vcpus >= vcpus && offer.memoryGiB >= memoryGiB) {
        return { offer, fits: true };
      }
    }
    const largest = this.largest[architecture];
    return largest ? { offer: largest, fits: false } : undefined;
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

  // The reason is short on purpose: its numbers are in `inputs` and `required`, and formatting
  // floats for 100,000 machines is what made sizing slow.
  let requiredVcpus: number;
  if (cpuP95 !== undefined) {
    requiredVcpus = Math.max(
      settings.minVcpus,
      (vcpus! * cpuP95 * comfort) / 100,
    );
  } else {
    requiredVcpus = Math.max(settings.minVcpus, vcpus ?? settings.minVcpus);
  }
  let requiredMemoryGiB: number;
  if (memP95 !== undefined) {
    requiredMemoryGiB = Math.max(
      settings.minMemoryGiB,
      (memoryGiB! * memP95 * comfort) / 100,
    );
  } else {
    requiredMemoryGiB = Math.max(
      settings.minMemoryGiB,
      memoryGiB ?? settings.minMemoryGiB,
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
  let rule = 'no utilization: allocated size as-is';
  if (cpuP95 !== undefined && memP95 !== undefined) {
    rule = 'CPU and memory: P95 × comfort factor';
  } else if (cpuP95 !== undefined) {
    rule = 'CPU: P95 × comfort factor; memory as allocated';
  } else if (memP95 !== undefined) {
    rule = 'memory: P95 × comfort factor; CPU as allocated';
  }
  const choice = fits
    ? `${offer.name} is the cheapest ${architecture} type that fits${
        windows ? ' (ranked with the Windows license)' : ''
      }`
    : `no ${architecture} type in ${pricing.region} is large enough; the largest, ${offer.name}, was taken`;

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
    reason: `${rule} (floors ${settings.minVcpus} vCPU / ${settings.minMemoryGiB} GiB) → ${choice}`,
  };
}
