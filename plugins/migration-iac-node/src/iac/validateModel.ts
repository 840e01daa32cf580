import { InputError } from '@backstage/errors';
import {
  COMPLIANCE_PROFILES,
  TARGET_PROVIDERS,
} from '@sirsi-nexus/plugin-migration-common';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { IacModel } from './model';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const key = z
  .string()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters');

/** `a.b.c.d/n` or an IPv6 prefix. */
export function isCidr(value: string): boolean {
  const match = /^(.+)\/(\d{1,3})$/.exec(value);
  if (!match) return false;
  const version = isIP(match[1]);
  const prefix = Number(match[2]);
  return (version === 4 && prefix <= 32) || (version === 6 && prefix <= 128);
}

const cidr = z
  .string()
  .refine(isCidr, 'must be a CIDR block such as 10.0.0.0/16');
const port = z.number().int().min(0).max(65535);
const size = z.number().int().positive().max(65536);
const storageClass = z
  .string()
  .regex(
    /^[A-Za-z0-9_.-]{1,64}$/,
    'must be a storage class such as gp3 or Premium_LRS',
  );

const diskSchema = z.object({
  key,
  name: nonEmpty,
  sizeGiB: size,
  storageClass,
  kmsKeyId: nonEmpty.optional(),
  sourceId: nonEmpty.optional(),
});

const ruleSchema = z
  .object({
    protocol: z.enum(['tcp', 'udp', 'icmp', 'all']),
    fromPort: port.optional(),
    toPort: port.optional(),
    sources: z.array(cidr).optional(),
    sourceGroupKeys: z.array(key).optional(),
    description: z.string().max(255).optional(),
  })
  .refine(
    r => (r.sources?.length ?? 0) + (r.sourceGroupKeys?.length ?? 0) > 0,
    'needs at least one source CIDR or source group',
  )
  .refine(
    r =>
      r.protocol === 'icmp' ||
      r.protocol === 'all' ||
      (r.fromPort !== undefined && (r.toPort ?? r.fromPort) >= r.fromPort),
    'tcp and udp rules need fromPort, and toPort must not be below it',
  );

const modelSchema = z.object({
  migrationId: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
      'must be letters, digits, ".", "_" or "-"',
    ),
  owner: nonEmpty,
  source: z.object({ provider: nonEmpty, environmentId: nonEmpty.optional() }),
  target: z.object({
    provider: z.enum(TARGET_PROVIDERS),
    region: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,40}$/,
        'must be a region name such as eu-west-1',
      ),
    zone: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'must be a zone name such as eu-west-1a')
      .optional(),
    project: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a GCP project id')
      .optional(),
    resourceGroup: z
      .string()
      .regex(/^[A-Za-z0-9._()-]{1,90}$/, 'must be an Azure resource group name')
      .optional(),
  }),
  complianceProfile: z.enum(COMPLIANCE_PROFILES).optional(),
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).optional(),
  networks: z.array(
    z.object({
      key,
      name: nonEmpty,
      cidrBlock: cidr,
      subnets: z.array(
        z.object({
          key,
          name: nonEmpty,
          cidrBlock: cidr,
          zone: z
            .string()
            .regex(/^[a-z0-9-]{1,40}$/)
            .optional(),
          sourceId: nonEmpty.optional(),
        }),
      ),
      sourceId: nonEmpty.optional(),
    }),
  ),
  securityGroups: z.array(
    z.object({
      key,
      name: nonEmpty,
      networkKey: key,
      description: z.string().max(255).optional(),
      ingress: z.array(ruleSchema),
      sourceId: nonEmpty.optional(),
    }),
  ),
  waves: z
    .array(
      z.object({
        number: z.number().int().positive().max(999),
        instances: z.array(
          z.object({
            key,
            name: nonEmpty,
            instanceType: z
              .string()
              .regex(
                /^[A-Za-z0-9_.-]{1,64}$/,
                'must be an instance type such as m6i.large',
              ),
            subnetKey: key,
            securityGroupKeys: z.array(key),
            os: z.object({
              family: z.enum(['windows', 'linux', 'other']),
              name: z.string().optional(),
            }),
            rootDisk: z.object({
              sizeGiB: size,
              storageClass,
              kmsKeyId: nonEmpty.optional(),
            }),
            dataDisks: z
              .array(diskSchema)
              .max(20, 'at most 20 data disks per machine'),
            zone: z
              .string()
              .regex(/^[a-z0-9-]{1,40}$/)
              .optional(),
            entityRef: z.string().optional(),
            tags: z.record(z.string(), z.string()).optional(),
            sourceId: nonEmpty.optional(),
            launchedBy: z.enum(['terraform', 'migration-service']).optional(),
          }),
        ),
      }),
    )
    .min(1, 'needs at least one wave'),
});

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`,
    )
    .join('');
}

type ParsedModel = z.infer<typeof modelSchema>;

function fail(path: string, message: string): never {
  throw new InputError(`Invalid IaC model: ${path} ${message}`);
}

/** Throws on the first key that repeats, naming where. */
function unique(keys: Array<[string, string]>, what: string) {
  const seen = new Set<string>();
  for (const [path, k] of keys) {
    if (seen.has(k)) fail(path, `repeats the ${what} key "${k}"`);
    seen.add(k);
  }
}

/**
 * Checks an {@link IacModel} before anything is generated: field formats, unique keys and that
 * every key a resource refers to exists. Throws an `InputError` naming the field.
 *
 * @public
 */
export function assertValidIacModel(input: unknown): asserts input is IacModel {
  const parsed = modelSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid IaC model: ${formatPath(issue.path) || '(root)'} ${
        issue.message
      }`,
    );
  }
  assertUniqueKeys(parsed.data);
  assertGroupReferences(parsed.data);
  assertInstanceReferences(parsed.data);
}

function assertUniqueKeys(model: ParsedModel) {
  unique(
    model.networks.map((n, i) => [`networks[${i}].key`, n.key]),
    'network',
  );
  unique(
    model.networks.flatMap((n, i) =>
      n.subnets.map(
        (s, j) =>
          [`networks[${i}].subnets[${j}].key`, s.key] as [string, string],
      ),
    ),
    'subnet',
  );
  unique(
    model.securityGroups.map((g, i) => [`securityGroups[${i}].key`, g.key]),
    'security group',
  );
  unique(
    model.waves.map((w, i) => [`waves[${i}].number`, String(w.number)]),
    'wave',
  );
  unique(
    model.waves.flatMap((w, i) =>
      w.instances.map(
        (m, j) =>
          [`waves[${i}].instances[${j}].key`, m.key] as [string, string],
      ),
    ),
    'instance',
  );
  unique(
    model.waves.flatMap((w, i) =>
      w.instances.flatMap((m, j) =>
        m.dataDisks.map(
          (d, k) =>
            [`waves[${i}].instances[${j}].dataDisks[${k}].key`, d.key] as [
              string,
              string,
            ],
        ),
      ),
    ),
    'disk',
  );
}

/** Every group is in a known network and its rules name known groups. */
function assertGroupReferences(model: ParsedModel) {
  const networks = new Set(model.networks.map(n => n.key));
  const groups = new Set(model.securityGroups.map(g => g.key));
  model.securityGroups.forEach((g, i) => {
    if (!networks.has(g.networkKey)) {
      fail(
        `securityGroups[${i}].networkKey`,
        `names the unknown network "${g.networkKey}"`,
      );
    }
    g.ingress.forEach((r, j) =>
      (r.sourceGroupKeys ?? []).forEach((k, n) => {
        if (!groups.has(k)) {
          fail(
            `securityGroups[${i}].ingress[${j}].sourceGroupKeys[${n}]`,
            `names the unknown security group "${k}"`,
          );
        }
      }),
    );
  });
}

/** Every machine sits in a known subnet, in groups of that subnet's network. */
function assertInstanceReferences(model: ParsedModel) {
  const subnets = new Set(
    model.networks.flatMap(n => n.subnets.map(s => s.key)),
  );
  const groups = new Set(model.securityGroups.map(g => g.key));
  const networkOfSubnet = new Map(
    model.networks.flatMap(n => n.subnets.map(s => [s.key, n.key] as const)),
  );
  const networkOfGroup = new Map(
    model.securityGroups.map(g => [g.key, g.networkKey]),
  );
  model.waves.forEach((w, i) =>
    w.instances.forEach((m, j) => {
      if (!subnets.has(m.subnetKey)) {
        fail(
          `waves[${i}].instances[${j}].subnetKey`,
          `names the unknown subnet "${m.subnetKey}"`,
        );
      }
      m.securityGroupKeys.forEach((k, n) => {
        if (!groups.has(k)) {
          fail(
            `waves[${i}].instances[${j}].securityGroupKeys[${n}]`,
            `names the unknown security group "${k}"`,
          );
        }
        if (networkOfGroup.get(k) !== networkOfSubnet.get(m.subnetKey)) {
          fail(
            `waves[${i}].instances[${j}].securityGroupKeys[${n}]`,
            `names security group "${k}" of another network than subnet "${m.subnetKey}"`,
          );
        }
      });
    }),
  );
}
