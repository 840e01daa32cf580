import type { ParsedBlock, ParsedModule } from '../validate/module';
import { resolver } from './policyContext';

/** An inbound rule of any cloud, normalised to its sources and port range. */
export interface OpenRule {
  block: ParsedBlock;
  attribute: string;
  sources: string[];
  /** Inclusive port range; undefined for ICMP. */
  ports?: [number, number];
}

/** Static string values of a module's attributes. */
interface Reader {
  str(value: unknown): string | undefined;
  list(value: unknown): string[];
}

function reader(module: ParsedModule): Reader {
  const resolve = resolver(module);
  const str = (v: unknown) => {
    const r = resolve(v);
    if (r.value === undefined || typeof r.value === 'string')
      return r.value as string | undefined;
    return String(r.value);
  };
  const list = (v: unknown) =>
    Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : [];
  return { str, list };
}

function parsePortRange(range: string): [number, number] | undefined {
  if (range === '*') return [0, 65535];
  const m = /^(\d+)(?:-(\d+))?$/.exec(range.trim());
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
}

/** Every inbound rule of a module, normalised to sources and a port range. */
export function inboundRules(module: ParsedModule): OpenRule[] {
  const read = reader(module);
  const rules: OpenRule[] = [];
  for (const block of module.blocks.filter(b => b.kind === 'resource')) {
    if (block.type?.startsWith('aws_')) {
      rules.push(...awsRules(block, read));
    } else if (
      block.type === 'azurerm_network_security_rule' ||
      block.type === 'azurerm_network_security_group'
    ) {
      rules.push(...azureRules(block, read));
    } else if (block.type === 'google_compute_firewall') {
      rules.push(...gcpRules(block, read));
    }
  }
  return rules;
}

function awsRules(block: ParsedBlock, { str, list }: Reader): OpenRule[] {
  const body = block.body;
  const awsPorts = (
    protocol: unknown,
    from: unknown,
    to: unknown,
  ): [number, number] | undefined => {
    const p = String(str(protocol) ?? '').toLowerCase();
    if (p === '-1' || p === 'all') return [0, 65535];
    if (p === 'icmp' || p === '1' || p === 'icmpv6' || p === '58')
      return undefined;
    return [Number(from ?? 0), Number(to ?? from ?? 65535)];
  };
  switch (block.type) {
    case 'aws_vpc_security_group_ingress_rule':
      return [
        {
          block,
          attribute: body.cidr_ipv4 !== undefined ? 'cidr_ipv4' : 'cidr_ipv6',
          sources: [str(body.cidr_ipv4), str(body.cidr_ipv6)].filter(
            (s): s is string => !!s,
          ),
          ports: awsPorts(body.ip_protocol, body.from_port, body.to_port),
        },
      ];
    case 'aws_security_group_rule':
      if (str(body.type) !== 'ingress') return [];
      return [
        {
          block,
          attribute: 'cidr_blocks',
          sources: [...list(body.cidr_blocks), ...list(body.ipv6_cidr_blocks)],
          ports: awsPorts(body.protocol, body.from_port, body.to_port),
        },
      ];
    case 'aws_security_group':
      return ((body.ingress as any[]) ?? []).map(ingress => ({
        block,
        attribute: 'ingress',
        sources: [
          ...list(ingress.cidr_blocks),
          ...list(ingress.ipv6_cidr_blocks),
        ],
        ports: awsPorts(ingress.protocol, ingress.from_port, ingress.to_port),
      }));
    default:
      return [];
  }
}

/** Allowing inbound rules, standalone or inside the group; ICMP is left out. */
function azureRules(block: ParsedBlock, { str, list }: Reader): OpenRule[] {
  const azureRuleBodies =
    block.type === 'azurerm_network_security_rule'
      ? [block.body]
      : (block.body.security_rule as any[]) ?? [];
  const rules: OpenRule[] = [];
  for (const rule of azureRuleBodies) {
    if (str(rule.direction) !== 'Inbound' || str(rule.access) !== 'Allow')
      continue;
    if (String(str(rule.protocol)).toLowerCase() === 'icmp') continue;
    const ranges = [
      str(rule.destination_port_range),
      ...list(rule.destination_port_ranges),
    ]
      .filter((r): r is string => !!r)
      .map(parsePortRange)
      .filter((r): r is [number, number] => !!r);
    const sources = [
      str(rule.source_address_prefix),
      ...list(rule.source_address_prefixes),
    ].filter((s): s is string => !!s);
    for (const ports of ranges) {
      rules.push({
        block,
        attribute:
          rule.source_address_prefixes !== undefined
            ? 'source_address_prefixes'
            : 'source_address_prefix',
        sources,
        ports,
      });
    }
  }
  return rules;
}

/** Enabled ingress firewall rules; an `allow` without ports opens them all. */
function gcpRules(block: ParsedBlock, { str, list }: Reader): OpenRule[] {
  const body = block.body;
  if (body.disabled === true) return [];
  if ((str(body.direction) ?? 'INGRESS') !== 'INGRESS') return [];
  const sources = list(body.source_ranges);
  const rules: OpenRule[] = [];
  for (const allow of (body.allow as any[]) ?? []) {
    const protocol = String(str(allow.protocol)).toLowerCase();
    if (protocol === 'icmp') continue;
    const ports = list(allow.ports);
    if (ports.length === 0)
      rules.push({
        block,
        attribute: 'source_ranges',
        sources,
        ports: [0, 65535],
      });
    for (const p of ports) {
      const range = parsePortRange(p);
      if (range)
        rules.push({
          block,
          attribute: 'source_ranges',
          sources,
          ports: range,
        });
    }
  }
  return rules;
}
