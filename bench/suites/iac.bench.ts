/**
 * Terraform for 10,000 resources generated and parsed back by HashiCorp's HCL parser
 * (`@cdktn/hcl2json`), target ≤ 3 s.
 *
 * The model is an AWS estate in 10 waves whose bundle holds exactly 10,000 `resource` blocks
 * (machines, encrypted data volumes and their attachments, security groups and rules, networks
 * and subnets). Measured, best of two rounds after one warm-up of the parser:
 * 1. generate: model → files (`generateTerraform`).
 * 2. generate + parse back: the above plus every file parsed with the HCL parser, on one thread
 *    and on the parser worker pool validation uses for large bundles (the target, ≤ 3 s).
 * 3. full validation: parse back, comparison with the model, references and policy rules.
 * Baseline, in the same process: the HCL parser alone on the same files, i.e. the floor any
 * "generate and parse back" can reach with this parser.
 */
import type { BenchRow, BenchSuite } from '../lib';
import { timed } from '../lib';
import {
  generateTerraform,
  createHclParserPool,
  hcl2jsonParser,
  type HclParser,
  validateTerraform,
  type BundleFile,
  type IacInstance,
  type IacModel,
} from '../../plugins/migration-iac-node/src/iac';
import { createShippedInstanceTypeCatalog } from '../../plugins/migration-assessment-node/src';

const instanceTypes = createShippedInstanceTypeCatalog();

/** An AWS model whose bundle has `target` resource blocks (within a handful). */
export function largeModel(targetResources = 10_000): IacModel {
  const waves = 10;
  const networks = 10;
  const subnetsPerNetwork = 10;
  // Per network: vpc + subnets; per group: group + 2 ingress + 1 egress; per machine: instance + volume + attachment.
  const groupsPerNetwork = 10;
  const fixed =
    networks * (1 + subnetsPerNetwork) + networks * groupsPerNetwork * 4;
  const machines = Math.floor((targetResources - fixed) / 3);
  const model: IacModel = {
    migrationId: 'bench-0001',
    owner: 'group:default/platform',
    source: { provider: 'inventory', environmentId: 'dc1' },
    target: { provider: 'aws', region: 'eu-west-1' },
    complianceProfile: 'gdpr',
    tags: { 'data-classification': 'internal' },
    networks: [],
    securityGroups: [],
    waves: Array.from({ length: waves }, (_, w) => ({
      number: w + 1,
      instances: [] as IacInstance[],
    })),
  };
  for (let n = 0; n < networks; n++) {
    model.networks.push({
      key: `net-${n}`,
      name: `network-${n}`,
      cidrBlock: `10.${n}.0.0/16`,
      subnets: Array.from({ length: subnetsPerNetwork }, (_, s) => ({
        key: `net-${n}-subnet-${s}`,
        name: `subnet-${n}-${s}`,
        cidrBlock: `10.${n}.${s}.0/24`,
      })),
    });
    for (let g = 0; g < groupsPerNetwork; g++) {
      model.securityGroups.push({
        key: `net-${n}-sg-${g}`,
        name: `tier-${n}-${g}`,
        networkKey: `net-${n}`,
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 443,
            sources: ['10.0.0.0/8'],
            description: 'HTTPS',
          },
          {
            protocol: 'tcp',
            fromPort: 8080,
            toPort: 8090,
            sourceGroupKeys: [`net-${n}-sg-${(g + 1) % groupsPerNetwork}`],
          },
        ],
      });
    }
  }
  for (let m = 0; m < machines; m++) {
    const n = m % networks;
    model.waves[m % waves].instances.push({
      key: `vm-${m}`,
      name: `vm-${m}`,
      instanceType: ['t3.medium', 'm6i.large', 'r6i.xlarge'][m % 3],
      subnetKey: `net-${n}-subnet-${m % subnetsPerNetwork}`,
      securityGroupKeys: [`net-${n}-sg-${m % groupsPerNetwork}`],
      os: { family: m % 7 === 0 ? 'windows' : 'linux' },
      rootDisk: { sizeGiB: 40, storageClass: 'gp3' },
      dataDisks: [
        {
          key: `vm-${m}-data`,
          name: `vm-${m}-data`,
          sizeGiB: 100,
          storageClass: 'gp3',
        },
      ],
      entityRef: `resource:default/vm-${m}`,
    });
  }
  return model;
}

async function parseAll(
  files: BundleFile[],
  parser: HclParser = hcl2jsonParser,
) {
  await Promise.all(
    files
      .filter(f => f.path.endsWith('.tf'))
      .map(f => parser.parse(f.path, f.content)),
  );
}

async function best<T>(rounds: number, fn: () => Promise<T>) {
  let fastest: { ms: number; result: T } | undefined;
  for (let i = 0; i < rounds; i++) {
    const run = await timed(fn);
    if (!fastest || run.ms < fastest.ms) fastest = run;
  }
  return fastest!;
}

const suite: BenchSuite = {
  name: 'iac',
  async run(): Promise<BenchRow[]> {
    const model = largeModel();
    const warm = generateTerraform(model);
    const resources = warm.waves.reduce((n, w) => n + w.resourceCount, 0);
    const bytes = warm.files.reduce(
      (n, f) => n + Buffer.byteLength(f.content),
      0,
    );
    await parseAll(warm.files); // warm-up: WebAssembly compilation and tier-up

    const baseline = await best(2, () => parseAll(warm.files));
    const generate = await best(2, async () => generateTerraform(model));
    const roundTrip = await best(2, async () => {
      const bundle = generateTerraform(model);
      await parseAll(bundle.files);
      return bundle;
    });
    const pool = createHclParserPool();
    await parseAll(warm.files, pool);
    const pooled = await best(2, async () => {
      const bundle = generateTerraform(model);
      await parseAll(bundle.files, pool);
      return bundle;
    });
    await pool.close();
    const full = await best(1, async () => {
      const bundle = generateTerraform(model);
      return validateTerraform(bundle.files, { instanceTypes, model, bundle });
    });
    if (full.result.status === 'fail') {
      throw new Error(
        `the bench bundle does not validate: ${JSON.stringify(
          full.result.checks.filter(c => c.status === 'fail'),
        )}`,
      );
    }
    const notes = `${resources} resource blocks, ${warm.files.length} files, ${(
      bytes /
      1024 /
      1024
    ).toFixed(1)} MiB`;
    return [
      {
        name: 'generate Terraform for 10k resources',
        value: generate.ms,
        unit: 'ms',
        notes,
      },
      {
        name: 'generate + parse back, one thread',
        value: roundTrip.ms,
        unit: 'ms',
        baseline: { name: 'HCL parser alone', value: baseline.ms },
        notes,
      },
      {
        name: 'generate + parse back (parser worker pool)',
        value: pooled.ms,
        unit: 'ms',
        baseline: { name: 'HCL parser alone', value: baseline.ms },
        target: { op: '<=', value: 3000 },
        notes,
      },
      {
        name: 'full validation (parse, model, references, policy)',
        value: full.ms,
        unit: 'ms',
        baseline: { name: 'HCL parser alone', value: baseline.ms },
        notes: `status ${full.result.status}; ${full.result.checks.length} checks`,
      },
    ];
  },
};

export default suite;
