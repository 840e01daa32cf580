import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';

/**
 * An inbound rule that admits one set of resources to another: an AWS security group admitting
 * another group, an Azure NSG rule with source application security groups or addresses, a GCP
 * firewall rule with source tags or service accounts.
 *
 * @public
 */
export interface AdmissionRule {
  /**
   * Label of the resources the rule protects (a security group id, an ASG or NSG id, a network
   * tag); {@link RuleDependencies.offer} gives each resource its labels.
   */
  target: string;
  /** The admitted resources: by label, or by address (an IPv4 address or CIDR block). */
  source: { label: string } | { cidr: string };
  protocol: 'tcp' | 'udp' | 'icmp' | 'all';
  fromPort?: number;
  toPort?: number;
  /** Where the edge comes from, e.g. `derived from security group sg-0db rule tcp/5432 from sg-0web`. */
  evidence: string;
}

/**
 * A dependency a resource got from an admission rule: kept in `raw.derivedDependencies` of the
 * dependent resource, next to the plain id in `dependsOn`.
 *
 * @public
 */
export interface DerivedDependency {
  /** External id of the resource depended on. */
  on: string;
  protocol: AdmissionRule['protocol'];
  /** The port, or the first of the range, when the rule names one. */
  port?: number;
  toPort?: number;
  evidence: string;
}

/** Blocks broader than this say little about who talks to whom (a /16 admits a whole VPC). */
const MIN_PREFIX = 24;

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d{1,3}$/.test(part) || n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** An IPv4 address or block of at least /24, as base and size; undefined for anything broader. */
function block(cidr: string): { base: number; size: number } | undefined {
  const [address, bits = '32'] = cidr.trim().split('/');
  const start = ipv4(address);
  const prefix = Number(bits);
  if (start === undefined || !Number.isInteger(prefix) || prefix > 32)
    return undefined;
  if (prefix < MIN_PREFIX) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: start - (start % size), size };
}

function inBlock(ip: string, range: { base: number; size: number }) {
  const value = ipv4(ip);
  return (
    value !== undefined &&
    value >= range.base &&
    value < range.base + range.size
  );
}

/**
 * Turns inbound rules between groups into dependencies between the resources in them: a
 * resource admitted by a rule (its source) depends on the resources the rule protects (its
 * target), e.g. the web tier on the database its security group lets it reach, so that waves
 * keep them together.
 *
 * @remarks
 * Rules are added first ({@link add}), then resources are offered as they stream
 * ({@link offer}). A rule's targets get the rule's single port as `specs.listeningPorts` at once.
 * A source cannot know its targets before every resource was offered, so sources are held and
 * given back by {@link finish} with `dependsOn` and `raw.derivedDependencies`; only these are
 * held. Self-referencing rules (members of a group admitting each other) imply no order and are
 * left out, as are address rules broader than /24.
 *
 * @public
 */
export class RuleDependencies {
  private readonly bySource = new Map<string, AdmissionRule[]>();
  private readonly byTarget = new Map<string, AdmissionRule[]>();
  private readonly byAddress: {
    rule: AdmissionRule;
    range: { base: number; size: number };
  }[] = [];
  private readonly members = new Map<string, string[]>();
  private readonly held: {
    resource: DiscoveredResource;
    rules: AdmissionRule[];
  }[] = [];

  /** Adds an inbound rule. */
  add(rule: AdmissionRule): void {
    if ('label' in rule.source) {
      if (rule.source.label === rule.target) return;
      push(this.bySource, rule.source.label, rule);
    } else {
      const range = block(rule.source.cidr);
      if (!range) return;
      this.byAddress.push({ rule, range });
    }
    push(this.byTarget, rule.target, rule);
  }

  /** Whether any rule was added (without, resources need not be offered). */
  get empty(): boolean {
    return this.byTarget.size === 0;
  }

  /**
   * Records a resource with its labels; adds the ports rules admit it on. True when it is the
   * source of a rule: it is then held, to be yielded from {@link finish} instead of now.
   */
  offer(resource: DiscoveredResource, labels: readonly string[]): boolean {
    const rules: AdmissionRule[] = [];
    for (const label of labels) {
      const protecting = this.byTarget.get(label);
      if (protecting) {
        push(this.members, label, resource.externalId);
        for (const rule of protecting) addPort(resource, rule);
      }
      rules.push(...(this.bySource.get(label) ?? []));
    }
    for (const { rule, range } of this.byAddress) {
      if ((resource.specs.ipAddresses ?? []).some(ip => inBlock(ip, range)))
        rules.push(rule);
    }
    if (rules.length === 0) return false;
    this.held.push({ resource, rules });
    return true;
  }

  /** The held sources, with the dependencies their rules imply, once every resource was offered. */
  *finish(): Generator<DiscoveredResource> {
    for (const { resource, rules } of this.held.splice(0)) {
      const derived: DerivedDependency[] = [];
      for (const rule of rules) {
        for (const target of this.members.get(rule.target) ?? []) {
          if (target === resource.externalId) continue;
          if (!resource.dependsOn.includes(target))
            resource.dependsOn.push(target);
          derived.push({
            on: target,
            protocol: rule.protocol,
            ...(rule.fromPort !== undefined ? { port: rule.fromPort } : {}),
            ...(rule.toPort !== undefined && rule.toPort !== rule.fromPort
              ? { toPort: rule.toPort }
              : {}),
            evidence: rule.evidence,
          });
        }
      }
      if (derived.length > 0)
        resource.raw = { ...resource.raw, derivedDependencies: derived };
      yield resource;
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function addPort(resource: DiscoveredResource, rule: AdmissionRule) {
  if (
    (rule.protocol !== 'tcp' && rule.protocol !== 'udp') ||
    rule.fromPort === undefined ||
    (rule.toPort ?? rule.fromPort) !== rule.fromPort
  )
    return;
  const ports = (resource.specs.listeningPorts ??= []);
  if (
    !ports.some(p => p.protocol === rule.protocol && p.port === rule.fromPort)
  )
    ports.push({ protocol: rule.protocol, port: rule.fromPort });
}
