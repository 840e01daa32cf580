import { everyFeatureModel } from '../__testUtils__/everyFeatureModel';
import { threeTierModel } from '../__testUtils__/models';
import { generateTerraform } from './generateTerraform';

/**
 * The generated Terraform, byte for byte: refactoring the writers must not change a single
 * character. A deliberate change of the output updates the snapshot (`yarn test -u`).
 */
describe('generateTerraform output', () => {
  const cases = (['aws', 'azure', 'gcp'] as const).flatMap(provider => [
    [`${provider}, three tiers`, threeTierModel(provider)] as const,
    [
      `${provider}, every feature, across clouds`,
      everyFeatureModel(provider, false),
    ] as const,
    [
      `${provider}, every feature, same cloud`,
      everyFeatureModel(provider, true),
    ] as const,
  ]);

  it.each(cases)('is unchanged for %s', (_name, model) => {
    const bundle = generateTerraform(model);
    expect({
      files: Object.fromEntries(bundle.files.map(f => [f.path, f.content])),
      waves: bundle.waves,
      warnings: bundle.warnings,
    }).toMatchSnapshot();
  });
});
