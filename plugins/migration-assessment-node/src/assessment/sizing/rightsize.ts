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
  /** One copy of each distinct reason: 100,000 machines share a few hundred texts. */
  private readonly texts = new Map<string, string>();

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

  /** Reasons by offer and {@link reasonSlot}, for the pricing and settings they were made with. */
  private readonly reasons = new Map<InstanceOffer, string[]>();
  private reasonsFor?: { pricing: RegionPricing; settings: AssessmentSettings };

  /**
   * The reason stated for picking `offer` the way `slot` says (rule, fit, Windows), made by
   * `make` the first time: building and looking up 100,000 equal texts cost more than the rest
   * of the sizing.
   */
  reasonFor(
    offer: InstanceOffer,
    slot: number,
    at: { pricing: RegionPricing; settings: AssessmentSettings },
    make: () => string,
  ): string {
    const known = this.reasonsFor;
    if (
      !known ||
      known.pricing !== at.pricing ||
      known.settings !== at.settings
    ) {
      this.reasons.clear();
      this.reasonsFor = { pricing: at.pricing, settings: at.settings };
    }
    let slots = this.reasons.get(offer);
    if (!slots) {
      slots = [];
      this.reasons.set(offer, slots);
    }
    slots[slot] ??= this.shared(make());
    return slots[slot];
  }

  /** The stored copy of `text`, so equal reasons of many machines share one string. */
  shared(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
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

/** What the source reports: allocated size and, where measured, P95 utilization. */
interface Observed {
  vcpus?: number;
  memoryGiB?: number;
  cpuP95?: number;
  memP95?: number;
  utilization: DiscoveredResource['utilization'];
}

function observe(resource: DiscoveredResource): Observed {
  const vcpus = resource.specs.vcpus;
  const memoryGiB =
    resource.specs.memoryMiB !== undefined
      ? resource.specs.memoryMiB / 1024
      : undefined;
  const u = resource.utilization;
  return {
    vcpus,
    memoryGiB,
    cpuP95: vcpus && u?.cpuP95 !== undefined ? u.cpuP95 : undefined,
    memP95: memoryGiB && u?.memP95 !== undefined ? u.memP95 : undefined,
    utilization: u,
  };
}

/** P95 × comfort factor where measured, else the allocated size; never below the floors. */
function required(o: Observed, settings: AssessmentSettings) {
  const comfort = settings.comfortFactor;
  const vcpus =
    o.cpuP95 !== undefined
      ? Math.max(settings.minVcpus, (o.vcpus! * o.cpuP95 * comfort) / 100)
      : Math.max(settings.minVcpus, o.vcpus ?? settings.minVcpus);
  const memoryGiB =
    o.memP95 !== undefined
      ? Math.max(
          settings.minMemoryGiB,
          (o.memoryGiB! * o.memP95 * comfort) / 100,
        )
      : Math.max(settings.minMemoryGiB, o.memoryGiB ?? settings.minMemoryGiB);
  return { vcpus: round(vcpus, 4), memoryGiB: round(memoryGiB, 4) };
}

/** High with both P95s over at least a week, medium with some utilization, else low. */
function confidenceOf(o: Observed): AssessmentSizing['confidence'] {
  const u = o.utilization;
  if (o.cpuP95 !== undefined && o.memP95 !== undefined) {
    const evidence =
      (u?.samples ?? 0) >= HIGH_CONFIDENCE_SAMPLES ||
      windowIsAtLeastAWeek(u?.window);
    return evidence ? 'high' : 'medium';
  }
  return o.cpuP95 !== undefined || o.memP95 !== undefined ? 'medium' : 'low';
}

/**
 * Where the figures came from, as the assessment states it: `measured (CloudWatch, 14 d P95)`
 * for cloud monitoring, `measured (30 d P95)` for an inventory's figures, `as-is` without any.
 */
export function sizingEvidence(
  utilization: { window?: string; source?: string } | undefined,
  measured: boolean,
): string {
  if (!measured) return 'as-is';
  const m = /^P(\d+)D$/.exec(utilization?.window ?? '');
  const span = m ? `${m[1]} d P95` : 'P95';
  return utilization?.source
    ? `measured (${utilization.source}, ${span})`
    : `measured (${span})`;
}

const RULES = [
  'CPU and memory: P95 × comfort factor',
  'CPU: P95 × comfort factor; memory as allocated',
  'memory: P95 × comfort factor; CPU as allocated',
  'no utilization: allocated vCPU and memory',
] as const;

/** Which of {@link RULES} sized the machine. */
function ruleIndexOf(o: Observed): number {
  if (o.cpuP95 !== undefined && o.memP95 !== undefined) return 0;
  if (o.cpuP95 !== undefined) return 1;
  if (o.memP95 !== undefined) return 2;
  return 3;
}

/** The sizing's reason: the evidence, the rule and the choice. */
function reasonOf(
  o: Observed,
  picked: { offer: InstanceOffer; fits: boolean },
  architecture: string,
  windows: boolean,
  at: { pricing: RegionPricing; settings: AssessmentSettings },
): string {
  const { offer, fits } = picked;
  const measured = o.cpuP95 !== undefined || o.memP95 !== undefined;
  const choice = fits
    ? `${offer.name} is the cheapest ${architecture} type that fits${
        windows ? ' (ranked with the Windows license)' : ''
      }`
    : `no ${architecture} type in ${at.pricing.region} is large enough; the largest, ${offer.name}, was taken`;
  return `${sizingEvidence(o.utilization, measured)}: ${
    RULES[ruleIndexOf(o)]
  } (floors ${at.settings.minVcpus} vCPU / ${
    at.settings.minMemoryGiB
  } GiB) → ${choice}`;
}

function inputsOf(
  o: Observed,
  comfortFactor: number,
  architecture: 'x86_64' | 'arm64',
): AssessmentSizing['inputs'] {
  const u = o.utilization;
  const inputs: AssessmentSizing['inputs'] = { comfortFactor, architecture };
  if (o.vcpus !== undefined) inputs.vcpus = o.vcpus;
  if (o.memoryGiB !== undefined) inputs.memoryGiB = round(o.memoryGiB, 4);
  if (o.cpuP95 !== undefined) inputs.cpuP95 = o.cpuP95;
  if (o.memP95 !== undefined) inputs.memP95 = o.memP95;
  if (u?.samples !== undefined) inputs.samples = u.samples;
  if (u?.window !== undefined) inputs.window = u.window;
  if (u?.source !== undefined && (o.cpuP95 ?? o.memP95) !== undefined) {
    inputs.source = u.source;
  }
  return inputs;
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
  const o = observe(resource);
  if (!o.vcpus && !o.memoryGiB) return undefined;
  const architecture = architectureOf(resource);
  const need = required(o, settings);
  const windows = hasWindowsLicense(resource);
  const picked = picker.pick(need.vcpus, need.memoryGiB, architecture, windows);
  if (!picked) return undefined;
  const { offer, fits } = picked;
  const license = windows ? pricing.windowsLicensePerVcpuHour * offer.vcpus : 0;
  // The reason is short on purpose: its numbers are in `inputs` and `required`, and formatting
  // floats for 100,000 machines is what made sizing slow. Without a window or source of its own
  // the evidence is the same for every machine, and so is the reason per offer.
  const at = { pricing, settings };
  const u = o.utilization;
  const reason =
    u?.window || u?.source
      ? picker.shared(reasonOf(o, picked, architecture, windows, at))
      : picker.reasonFor(
          offer,
          ruleIndexOf(o) * 4 + (fits ? 2 : 0) + (windows ? 1 : 0),
          at,
          () => reasonOf(o, picked, architecture, windows, at),
        );
  const measured = o.cpuP95 !== undefined || o.memP95 !== undefined;
  return {
    basis: measured ? 'utilization' : 'allocated',
    confidence: confidenceOf(o),
    inputs: inputsOf(o, settings.comfortFactor, architecture),
    required: need,
    instanceType: offer.name,
    family: offer.family,
    vcpus: offer.vcpus,
    memoryGiB: offer.memoryGiB,
    architecture: offer.architecture,
    hourlyPrice: offer.hourlyPrice,
    hourlyLicensePrice: round(license, 6),
    fits,
    reason,
  };
}
