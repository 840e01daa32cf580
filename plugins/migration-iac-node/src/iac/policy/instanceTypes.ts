import type {
  IacCheckResult,
  IacFinding,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';
import type { ParsedBlock, ParsedModule } from '../validate/module';
import type { PolicyOptions } from './checks';
import { locate, resolver, result, type Resolved } from './policyContext';

const INSTANCE_TYPE_ATTRIBUTES: Record<
  string,
  { provider: TargetProvider; attribute: string }
> = {
  aws_instance: { provider: 'aws', attribute: 'instance_type' },
  azurerm_linux_virtual_machine: { provider: 'azure', attribute: 'size' },
  azurerm_windows_virtual_machine: { provider: 'azure', attribute: 'size' },
  google_compute_instance: { provider: 'gcp', attribute: 'machine_type' },
};

/** Terraform provider names of the target clouds. */
const PROVIDERS: Record<string, TargetProvider> = {
  aws: 'aws',
  azurerm: 'azure',
  google: 'gcp',
};

/** One instance type to check: where it is written and what it resolves to. */
interface TypeUse {
  provider: TargetProvider;
  where: ReturnType<typeof locate>;
  /** What the finding calls it, e.g. `aws_instance.web` or `launch_settings of web-01`. */
  subject: string;
  attribute: string;
  type: Resolved;
}

/**
 * The instance types of a module: each machine's, and each `instance_type` of the
 * `launch_settings` output that tells the migration service how to launch the machines it moves.
 */
function typeUses(module: ParsedModule): TypeUse[] {
  const resolve = resolver(module);
  const uses: TypeUse[] = [];
  const providerBlock = module.blocks.find(
    b => b.kind === 'provider' && PROVIDERS[b.name ?? ''],
  );
  for (const block of module.blocks) {
    const spec =
      block.kind === 'resource'
        ? INSTANCE_TYPE_ATTRIBUTES[block.type!]
        : undefined;
    if (spec) {
      uses.push({
        provider: spec.provider,
        where: locate(module, block, spec.attribute),
        subject: block.address,
        attribute: spec.attribute,
        type: resolve(block.body[spec.attribute]),
      });
    } else if (providerBlock && isLaunchSettings(block)) {
      for (const [name, settings] of Object.entries(block.body.value)) {
        if (!settings || typeof settings !== 'object') continue;
        uses.push({
          provider: PROVIDERS[providerBlock.name!],
          where: locate(module, block),
          subject: `${block.address} of ${name}`,
          attribute: 'instance_type',
          type: resolve((settings as Record<string, unknown>).instance_type),
        });
      }
    }
  }
  return uses;
}

function isLaunchSettings(block: ParsedBlock): boolean {
  const value = block.body.value;
  return (
    block.kind === 'output' &&
    block.name === 'launch_settings' &&
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value)
  );
}

/** The region the module's machines run in, as far as it is known before plan. */
function regionOf(module: ParsedModule, provider: TargetProvider) {
  const resolve = resolver(module);
  for (const block of module.blocks) {
    if (provider === 'azure' && block.type === 'azurerm_resource_group')
      return resolve(block.body.location).value;
    if (
      block.kind === 'provider' &&
      block.name === (provider === 'gcp' ? 'google' : provider)
    ) {
      return resolve(block.body.region).value;
    }
  }
  return undefined;
}

function checkUse(
  use: TypeUse,
  region: unknown,
  options: PolicyOptions,
): IacFinding | undefined {
  const { provider, where, subject, attribute, type } = use;
  if (type.dynamic || typeof type.value !== 'string') {
    return {
      status: 'warn',
      ...where,
      message: `${subject} computes its ${attribute}; it cannot be checked before plan`,
    };
  }
  const found = options.instanceTypes.lookup(provider, type.value);
  if (!found.exists) {
    return {
      status: 'fail',
      ...where,
      message: `${subject} uses ${
        type.value
      }, which is not in the ${options.instanceTypes.describe(provider)}`,
      remediation:
        'Pick a type from the catalog, or add the type to the catalog override file',
    };
  }
  if (
    typeof region === 'string' &&
    found.regions.length > 0 &&
    !found.regions.includes(region)
  ) {
    return {
      status: 'warn',
      ...where,
      message: `${type.value} has no price for ${region} in the catalog; its availability there is not confirmed`,
      remediation:
        'Check the type is offered in the region, or add the region to the catalog',
    };
  }
  return undefined;
}

/**
 * Every machine uses an instance type from the catalog the sizing chose from, whether Terraform
 * creates it or the migration service launches it from the `launch_settings` output.
 */
export function instanceTypesExist(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  for (const module of modules) {
    for (const use of typeUses(module)) {
      checked++;
      const finding = checkUse(use, regionOf(module, use.provider), options);
      if (finding) findings.push(finding);
    }
  }
  return result(
    'policy.instance-types',
    'Instance types exist in the catalog',
    checked,
    findings,
  );
}
