import { ConfigReader } from '@backstage/config';
import { assess } from './assess';
import { NOW, testContext, vm } from './__testUtils__/fixtures';
import { readAssessmentSettings } from './settings';

const windowsVm = vm('app-01', {
  specs: { os: { family: 'windows', name: 'Windows Server 2022' } },
});

function run(
  options: Parameters<typeof assess>[0]['options'],
  settings: Parameters<typeof testContext>[0] = {},
) {
  return assess(
    {
      resources: [windowsVm],
      target: { provider: 'aws', region: 'us-east-1' },
      options,
      stage: 'preview',
      now: NOW,
    },
    testContext(settings),
  );
}

describe('pricing choices of the request', () => {
  it('reads the operator defaults for commitment term and Hybrid Benefit from config', () => {
    const settings = readAssessmentSettings(
      new ConfigReader({
        migration: {
          assessment: { commitmentTerm: '3y', hybridBenefit: true },
        },
      }),
    );
    expect(settings).toMatchObject({
      commitmentTerm: '3y',
      hybridBenefit: true,
    });
    expect(() =>
      readAssessmentSettings(
        new ConfigReader({
          migration: { assessment: { commitmentTerm: '5y' } },
        }),
      ),
    ).toThrow(
      'Invalid config migration.assessment.commitmentTerm: must be one of none, 1y, 3y, got 5y',
    );
  });

  it('uses the operator defaults when the request chooses nothing', () => {
    const a = run(undefined, { comfortFactor: 1.3, commitmentTerm: '1y' });
    expect(a.inputs).toMatchObject({
      comfortFactor: 1.3,
      commitmentTerm: '1y',
      hybridBenefit: false,
    });
    expect(a.resources[0].sizing?.inputs.comfortFactor).toBe(1.3);
    expect(a.resources[0].cost?.license).toBeGreaterThan(0);
  });

  it('lets the request override comfort factor, commitment term and Hybrid Benefit', () => {
    const defaults = run(undefined, {
      comfortFactor: 1.3,
      commitmentTerm: '1y',
    });
    const chosen = run(
      { comfortFactor: 2.5, commitmentTerm: '3y', hybridBenefit: true },
      { comfortFactor: 1.3, commitmentTerm: '1y' },
    );
    expect(chosen.inputs).toMatchObject({
      comfortFactor: 2.5,
      commitmentTerm: '3y',
      hybridBenefit: true,
      windowsLicensePerVcpuHour: 0,
    });
    const [resource] = chosen.resources;
    expect(resource.sizing?.inputs.comfortFactor).toBe(2.5);
    // 2 vCPU × 50 % × 2.5 = 2.5 → at least 3 vCPUs instead of 2
    expect(resource.sizing!.required.vcpus).toBeGreaterThan(
      defaults.resources[0].sizing!.required.vcpus,
    );
    expect(resource.sizing?.hourlyLicensePrice).toBe(0);
    expect(resource.cost?.license).toBe(0);
  });

  it('rejects a comfort factor outside 1–5', () => {
    expect(() => run({ comfortFactor: 9 })).toThrow(
      'options.comfortFactor must be a number between 1 and 5, got 9',
    );
  });
});
