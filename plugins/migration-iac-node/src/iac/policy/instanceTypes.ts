import type {
  IacCheckResult,
  IacFinding,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';
import type { ParsedModule } from '../validate/module';
import type { PolicyOptions } from './checks';
import { locate, resolver, result } from './policyContext';

const INSTANCE_TYPE_ATTRIBUTES: Record<
  string,
  { provider: TargetProvider; attribute: string }
> = {
  aws_instance: { provider: 'aws', attribute: 'instance_type' },
  azurerm_linux_virtual_machine: { provider: 'azure', attribute: 'size' },
  azurerm_windows_virtual_machine: { provider: 'azure', attribute: 'size' },
  google_compute_instance: { provider: 'gcp', attribute: 'machine_type' },
};

/** Every machine uses an instance type from the catalog the sizing chose from. */
export function instanceTypesExist(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  for (const module of modules) {
    const resolve = resolver(module);
    const regionOf = (provider: string) => {
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
    };
    for (const block of module.blocks) {
      const spec =
        block.kind === 'resource'
          ? INSTANCE_TYPE_ATTRIBUTES[block.type!]
          : undefined;
      if (!spec) continue;
      checked++;
      const where = locate(module, block, spec.attribute);
      const type = resolve(block.body[spec.attribute]);
      if (type.dynamic || typeof type.value !== 'string') {
        findings.push({
          status: 'warn',
          ...where,
          message: `${block.address} computes its ${spec.attribute}; it cannot be checked before plan`,
        });
        continue;
      }
      const found = options.instanceTypes.lookup(spec.provider, type.value);
      if (!found.exists) {
        findings.push({
          status: 'fail',
          ...where,
          message: `${block.address} uses ${
            type.value
          }, which is not in the ${options.instanceTypes.describe(
            spec.provider,
          )}`,
          remediation:
            'Pick a type from the catalog, or add the type to the catalog override file',
        });
        continue;
      }
      const region = regionOf(spec.provider);
      if (
        typeof region === 'string' &&
        found.regions.length > 0 &&
        !found.regions.includes(region)
      ) {
        findings.push({
          status: 'warn',
          ...where,
          message: `${type.value} has no price for ${region} in the catalog; its availability there is not confirmed`,
          remediation:
            'Check the type is offered in the region, or add the region to the catalog',
        });
      }
    }
  }
  return result(
    'policy.instance-types',
    'Instance types exist in the catalog',
    checked,
    findings,
  );
}
