import { everyFeatureModel } from '../__testUtils__/everyFeatureModel';
import { instanceTypes } from '../__testUtils__/instanceTypes';
import { threeTierModel } from '../__testUtils__/models';
import type { IacModel, IacTargetProvider } from '../model';
import { resourcesFromIacModel } from '../security/securityChecks';
import { hcl2jsonParser } from '../validate/parser';
import { validateTerraform } from '../validate/validateTerraform';
import { generateTerraform, type TerraformBundle } from './generateTerraform';

const PROVIDERS = ['aws', 'azure', 'gcp'] as const;

/** Resource and data source types a machine (and what belongs to it) is written as. */
const MACHINE_TYPES = [
  'aws_instance',
  'aws_ebs_volume',
  'aws_volume_attachment',
  'azurerm_network_interface',
  'azurerm_network_interface_security_group_association',
  'azurerm_linux_virtual_machine',
  'azurerm_windows_virtual_machine',
  'azurerm_managed_disk',
  'azurerm_virtual_machine_data_disk_attachment',
  'google_compute_instance',
  'google_compute_disk',
  'google_compute_attached_disk',
];

/** The model with the given machines (all when `keys` is absent) launched by the service. */
function launchedByService(model: IacModel, keys?: string[]): IacModel {
  return {
    ...model,
    waves: model.waves.map(w => ({
      ...w,
      instances: w.instances.map(i =>
        !keys || keys.includes(i.key)
          ? { ...i, launchedBy: 'migration-service' as const }
          : i,
      ),
    })),
  };
}

/** Every `.tf` file of the bundle parsed back with HashiCorp's HCL parser, by path. */
async function parsed(
  bundle: TerraformBundle,
): Promise<Map<string, Record<string, any>>> {
  const out = new Map<string, Record<string, any>>();
  for (const file of bundle.files.filter(f => f.path.endsWith('.tf'))) {
    out.set(file.path, await hcl2jsonParser.parse(file.path, file.content));
  }
  return out;
}

/** `type.name` of every resource and data source of the bundle. */
function addresses(files: Map<string, Record<string, any>>): string[] {
  const found: string[] = [];
  for (const json of files.values()) {
    for (const kind of ['resource', 'data']) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        for (const name of Object.keys(byName as object)) {
          found.push(`${kind === 'data' ? 'data.' : ''}${type}.${name}`);
        }
      }
    }
  }
  return found;
}

const launchSettings = (
  files: Map<string, Record<string, any>>,
  wave: string,
) => files.get(`${wave}/outputs.tf`)?.output?.launch_settings?.[0]?.value;

/** What each wave publishes for db-01 (wave 1) and app-01 (wave 2) of the three-tier model. */
const EXPECTED: Record<IacTargetProvider, [object, object]> = {
  aws: [
    {
      'db-01': {
        subnet_id: '${aws_subnet.data.id}',
        security_group_ids: ['${aws_security_group.db.id}'],
        instance_type: 'r6i.large',
      },
    },
    {
      'app-01': {
        subnet_id: '${data.aws_subnet.web.id}',
        security_group_ids: ['${data.aws_security_group.app.id}'],
        instance_type: 'm6i.large',
      },
    },
  ],
  azure: [
    {
      'db-01': {
        subnet_id: '${azurerm_subnet.data.id}',
        network_security_group_id: '${azurerm_network_security_group.db.id}',
        instance_type: 'Standard_E2s_v5',
      },
    },
    {
      'app-01': {
        subnet_id: '${data.azurerm_subnet.web.id}',
        network_security_group_id:
          '${data.azurerm_network_security_group.app.id}',
        instance_type: 'Standard_D2s_v5',
      },
    },
  ],
  gcp: [
    {
      'db-01': {
        subnetwork: '${google_compute_subnetwork.data.self_link}',
        network_tags: ['sg-db'],
        instance_type: 'n2-highmem-2',
      },
    },
    {
      'app-01': {
        subnetwork: '${data.google_compute_subnetwork.web.self_link}',
        network_tags: ['sg-app'],
        instance_type: 'n2-standard-2',
      },
    },
  ],
};

describe('machines the migration service launches', () => {
  it.each(PROVIDERS)(
    'get no machine or disk resources but launch settings on %s',
    async provider => {
      const model = launchedByService(threeTierModel(provider), [
        'vm-db-01',
        'vm-app-01',
      ]);
      const bundle = generateTerraform(model);
      const files = await parsed(bundle);
      const machines = addresses(files).filter(a =>
        MACHINE_TYPES.includes(a.split('.')[0]),
      );
      // Only web-01, which Terraform still creates, has machine resources.
      expect(machines.length).toBeGreaterThan(0);
      expect(machines.every(a => a.endsWith('.web_01'))).toBe(true);

      expect(launchSettings(files, 'wave-01')).toEqual(EXPECTED[provider][0]);
      expect(launchSettings(files, 'wave-02')).toEqual(EXPECTED[provider][1]);
      expect(files.get('wave-02/outputs.tf')!.output.private_ips).toEqual([
        expect.objectContaining({ value: { web_01: expect.any(String) } }),
      ]);
      expect(files.get('wave-01/outputs.tf')!.output.private_ips).toBe(
        undefined,
      );
      // Every reference of the launch settings is declared in its wave.
      for (const [wave, settings] of [
        ['wave-01', EXPECTED[provider][0]],
        ['wave-02', EXPECTED[provider][1]],
      ] as const) {
        const declared = addresses(
          new Map([...files].filter(([path]) => path.startsWith(`${wave}/`))),
        );
        const refs = JSON.stringify(settings).match(/\$\{[^}]+\}/g) ?? [];
        for (const ref of refs) {
          const address = ref.slice(2, -1).split('.').slice(0, -1).join('.');
          expect(declared).toContain(address);
        }
      }

      const report = await validateTerraform(bundle.files, {
        instanceTypes,
        model,
        bundle,
      });
      expect(report.checks.filter(c => c.status === 'fail')).toEqual([]);
      const types = report.checks.find(c => c.id === 'policy.instance-types');
      expect(types).toMatchObject({ status: 'pass', checked: 3 });
    },
  );

  it.each(PROVIDERS)(
    'leave only the landing zone when the service launches every machine on %s, same cloud',
    async provider => {
      const plain = everyFeatureModel(provider, true);
      const model = launchedByService(plain);
      const bundle = generateTerraform(model);
      const files = await parsed(bundle);
      const all = addresses(files);
      expect(all.filter(a => MACHINE_TYPES.includes(a.split('.')[0]))).toEqual(
        [],
      );
      expect(all.some(a => a.startsWith('data.aws_ami.'))).toBe(false);
      const variables = [...files.values()].flatMap(json =>
        Object.keys(json.variable ?? {}),
      );
      expect(variables).not.toContain('admin_password');
      expect(variables).not.toContain('admin_ssh_public_key');

      // The landing zone is still adopted; the machines and their disks are not.
      const imports = bundle.files
        .filter(f => f.path.endsWith('imports.tf'))
        .map(f => f.content)
        .join('\n');
      const plainImports = generateTerraform(plain)
        .files.filter(f => f.path.endsWith('imports.tf'))
        .map(f => f.content)
        .join('\n');
      expect(plainImports).toContain('"i-db"');
      expect(imports).not.toContain('"i-db"');
      expect(imports).not.toContain('"vol-db-data"');
      expect(imports).toContain('"subnet-web-id"');

      const published = [1, 2, 3].flatMap(n =>
        Object.keys(launchSettings(files, `wave-0${n}`) ?? {}),
      );
      expect(published.sort()).toEqual(
        plain.waves
          .flatMap(w => w.instances.map(i => i.name))
          .sort((a, b) => (a < b ? -1 : 1)),
      );
      // The same checks fail as for the machines Terraform creates (the fixture uses types that
      // are not in the catalog), for the same instance types.
      const failures = async (m: IacModel) => {
        const report = await validateTerraform(generateTerraform(m).files, {
          instanceTypes,
          model: m,
        });
        return report.checks
          .filter(c => c.status === 'fail')
          .map(c => [
            c.id,
            c.findings.map(f => /uses (\S+),/.exec(f.message)?.[1]).sort(),
          ]);
      };
      expect(await failures(model)).toEqual(await failures(plain));
      expect(bundle.files.find(f => f.path === 'README.md')!.content).toContain(
        '## Machines the migration service launches',
      );
    },
  );

  it.each(PROVIDERS)(
    'keeps the generated files of %s unchanged when Terraform launches every machine',
    provider => {
      const plain = everyFeatureModel(provider, true);
      const explicit: IacModel = {
        ...plain,
        waves: plain.waves.map(w => ({
          ...w,
          instances: w.instances.map(i => ({
            ...i,
            launchedBy: 'terraform' as const,
          })),
        })),
      };
      const tf = (model: IacModel) =>
        generateTerraform(model).files.filter(f => f.path !== 'iac-model.json');
      expect(tf(explicit)).toEqual(tf(plain));
    },
  );

  it('checks the instance types of the launch settings against the catalog', async () => {
    const model = launchedByService(threeTierModel('aws'), ['vm-db-01']);
    model.waves[0].instances[0].instanceType = 'n9-imaginary-2';
    const report = await validateTerraform(generateTerraform(model).files, {
      instanceTypes,
      model,
    });
    expect(
      report.checks.find(c => c.id === 'policy.instance-types'),
    ).toMatchObject({
      status: 'fail',
      findings: [
        expect.objectContaining({
          file: 'wave-01/outputs.tf',
          message: expect.stringMatching(
            /^output\.launch_settings of db-01 uses n9-imaginary-2, which is not in/,
          ),
        }),
      ],
    });
  });

  it('warns that Azure Migrate cannot attach network security groups', () => {
    const model = launchedByService(threeTierModel('azure'), ['vm-db-01']);
    expect(generateTerraform(model).warnings).toEqual([
      'Machine "db-01" is launched by Azure Migrate, which cannot attach network security groups: associate "db" (network_security_group_id of its launch_settings) with its network interface after cutover',
    ]);
  });

  it('publishes one entry per name, warning about machines of a wave named alike', async () => {
    const model = launchedByService(threeTierModel('aws'));
    model.waves[1].instances[1].name = 'WEB-01';
    const bundle = generateTerraform(model);
    const files = await parsed(bundle);
    expect(Object.keys(launchSettings(files, 'wave-02'))).toEqual(['WEB-01']);
    expect(bundle.warnings).toEqual([
      'Wave 2: two machines the migration service launches are named "web-01"; launch_settings names only the first ("vm-web-01" launches with the service\'s defaults)',
    ]);
  });

  it('leaves the encryption of their disks to the service in the security view', () => {
    const model = launchedByService(threeTierModel('aws'), ['vm-db-01']);
    const instances = resourcesFromIacModel(model).filter(
      r => r.type === 'instance',
    );
    expect(instances.map(r => [r.address, r.encrypted])).toEqual([
      ['instance db-01', undefined],
      ['instance web-01', true],
      ['instance app-01', true],
    ]);
  });
});
