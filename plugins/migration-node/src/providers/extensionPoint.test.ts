import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  cloudDiscoveryProvidersExtensionPoint,
  createCloudProviderFactoryCollector,
  migrationCloudProvidersExtensionPoint,
} from './extensionPoint';
import {
  CloudProviderRegistry,
  type CloudProviderFactory,
  type CloudProviderFactoryOptions,
} from './registry';

/** A provider factory that remembers what it was given. */
function fakeFactory(seen: CloudProviderFactoryOptions[] = []) {
  const factory: CloudProviderFactory = options => {
    seen.push(options);
    return {
      id: 'fake',
      environmentId: options.environment.id,
      title: options.environment.title,
      async validate() {
        return [];
      },
      async *discover() {},
    };
  };
  return factory;
}

/** What `fn` throws; undefined when it does not throw. */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** An InputError whose message matches. */
const inputError = (message: RegExp) =>
  expect.objectContaining({
    name: 'InputError',
    message: expect.stringMatching(message),
  });

describe('the cloud provider extension points', () => {
  it('are two extension points with their own ids', () => {
    expect(migrationCloudProvidersExtensionPoint.id).toBe(
      'migration.cloud-providers',
    );
    expect(cloudDiscoveryProvidersExtensionPoint.id).toBe(
      'catalog.cloud-discovery.providers',
    );
  });
});

describe('createCloudProviderFactoryCollector', () => {
  it('collects factories by provider name', () => {
    const collector = createCloudProviderFactoryCollector('test.providers');
    const fake = fakeFactory();
    const other = fakeFactory();
    collector.extensionPoint.addProviderFactory('fake', fake);
    collector.extensionPoint.addProviderFactory('on-prem-2', other);
    expect(collector.factories()).toEqual({ fake, 'on-prem-2': other });
  });

  it('refuses a provider name added twice, naming it', () => {
    const collector = createCloudProviderFactoryCollector('test.providers');
    collector.extensionPoint.addProviderFactory('fake', fakeFactory());
    expect(
      errorOf(() =>
        collector.extensionPoint.addProviderFactory('fake', fakeFactory()),
      ),
    ).toEqual(inputError(/^test\.providers: provider "fake" is added twice/));
    collector.extensionPoint.addProviderFactory('fake-2', fakeFactory());
    expect(Object.keys(collector.factories())).toEqual(['fake', 'fake-2']);
  });

  it.each(['', 'Fake', '1cloud', '-cloud', 'my_cloud', 'my cloud', 'fake!'])(
    'refuses the provider name %j, naming it',
    name => {
      const collector = createCloudProviderFactoryCollector('test.providers');
      expect(
        errorOf(() =>
          collector.extensionPoint.addProviderFactory(name, fakeFactory()),
        ),
      ).toEqual(
        inputError(
          new RegExp(
            `^test\\.providers: provider name "${name.replace(
              /[.*+?^${}()|[\]\\]/g,
              '\\$&',
            )}" must be lower-case letters, digits and dashes, starting with a letter$`,
          ),
        ),
      );
      expect(collector.factories()).toEqual({});
    },
  );

  it('names the packages to install when no provider was added', () => {
    expect(() =>
      CloudProviderRegistry.fromConfig(
        new ConfigReader({
          migration: { environments: [{ id: 'dc1', provider: 'inventory' }] },
        }),
        { logger: mockServices.logger.mock(), factories: {} },
      ),
    ).toThrow(
      `migration.environments[0].provider "inventory": no cloud provider is installed; add the package of the source or target, e.g. backend.add(import('@sirsi-nexus/plugin-migration-backend-module-inventory'))`,
    );
  });

  it('refuses additions once the factories were handed out', () => {
    const collector = createCloudProviderFactoryCollector('test.providers');
    collector.factories();
    expect(() =>
      collector.extensionPoint.addProviderFactory('late', fakeFactory()),
    ).toThrow(
      'test.providers: provider "late" was added after the providers were built',
    );
  });
});

describe('CloudProviderRegistry with added factories', () => {
  it('builds environments of an added provider with their config block', () => {
    const seen: CloudProviderFactoryOptions[] = [];
    const registry = CloudProviderRegistry.fromConfig(
      new ConfigReader({
        migration: {
          environments: [
            {
              id: 'lab',
              provider: 'fake',
              title: 'Lab',
              fake: { endpoint: 'https://lab.example.com' },
            },
          ],
        },
      }),
      {
        logger: mockServices.logger.mock(),
        factories: { fake: fakeFactory(seen) },
      },
    );
    expect(registry.list().map(p => [p.id, p.environmentId, p.title])).toEqual([
      ['fake', 'lab', 'Lab'],
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0].config.getString('fake.endpoint')).toBe(
      'https://lab.example.com',
    );
  });

  it('lists added providers among the known names of an unknown provider', () => {
    expect(
      errorOf(() =>
        CloudProviderRegistry.fromConfig(
          new ConfigReader({
            migration: { environments: [{ id: 'lab', provider: 'fak' }] },
          }),
          {
            logger: mockServices.logger.mock(),
            factories: { fake: fakeFactory() },
          },
        ),
      ),
    ).toEqual(
      inputError(
        /^migration\.environments\[0\]\.provider must be one of fake \(got "fak"\)$/,
      ),
    );
  });

  it('does not take names of object properties for providers', () => {
    expect(
      errorOf(() =>
        CloudProviderRegistry.fromConfig(
          new ConfigReader({
            migration: {
              environments: [{ id: 'lab', provider: 'constructor' }],
            },
          }),
          {
            logger: mockServices.logger.mock(),
            factories: { fake: fakeFactory() },
          },
        ),
      ),
    ).toEqual(
      inputError(/provider must be one of fake \(got "constructor"\)$/),
    );
  });
});
