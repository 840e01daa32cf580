import { ConfigReader } from '@backstage/config';
import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';
import { assess } from '../assess';
import { parseAnalyzeRequest } from '../analyzeSelection';
import { NOW, testContext, vm } from '../__testUtils__/fixtures';
import { PriceCatalogs } from '../pricing/PriceCatalogs';
import { renderAssessmentMarkdown } from '../render/renderAssessmentMarkdown';
import { readAssessmentSettings, type AssessmentSettings } from '../settings';

function run(
  provider: 'aws' | 'azure' | 'gcp',
  region: string,
  options: Parameters<typeof assess>[0]['options'],
  settings: Partial<AssessmentSettings> = {},
  catalogs?: PriceCatalogs,
) {
  const context = testContext(settings);
  return assess(
    {
      resources: [vm('app-01')],
      target: { provider, region },
      options,
      stage: 'preview',
      now: NOW,
    },
    catalogs ? { ...context, catalogs } : context,
  );
}

const shipped = PriceCatalogs.load();

describe('commitment type: reservation or savings plan', () => {
  it('reads the operator default from config and names the key of a bad value', () => {
    expect(readAssessmentSettings(new ConfigReader({})).commitmentType).toBe(
      'reservation',
    );
    expect(
      readAssessmentSettings(
        new ConfigReader({
          migration: { assessment: { commitmentType: 'savings-plan' } },
        }),
      ).commitmentType,
    ).toBe('savings-plan');
    expect(() =>
      readAssessmentSettings(
        new ConfigReader({
          migration: { assessment: { commitmentType: 'spot' } },
        }),
      ),
    ).toThrow(
      'Invalid config migration.assessment.commitmentType: must be one of reservation, savings-plan, got spot',
    );
  });

  it.each(['aws', 'azure'] as const)(
    'prices the 1- and 3-year columns of %s at the chosen type, the request over the config default',
    provider => {
      const region = provider === 'aws' ? 'us-east-1' : 'eastus';
      const doc = shipped.document(provider)!;
      const reserved = run(provider, region, { commitmentTerm: '3y' });
      const plan = run(
        provider,
        region,
        { commitmentTerm: '3y', commitmentType: 'savings-plan' },
        { commitmentType: 'reservation' },
      );
      const onDemand = plan.resources[0].cost!.compute.onDemand;
      expect(reserved.resources[0].cost!.compute.onDemand).toBe(onDemand);
      const sp = doc.savingsPlanDiscounts!;
      const ri = doc.commitmentDiscounts;
      expect(plan.resources[0].cost!.compute).toEqual({
        onDemand,
        commit1y: Math.round(onDemand * (1 - sp.oneYear) * 100) / 100,
        commit3y: Math.round(onDemand * (1 - sp.threeYear) * 100) / 100,
      });
      expect(reserved.resources[0].cost!.compute.commit3y).toBe(
        Math.round(onDemand * (1 - ri.threeYear) * 100) / 100,
      );
      // a savings plan discounts less than a reservation of the same term
      expect(plan.cost!.total.commit3y).toBeGreaterThan(
        reserved.cost!.total.commit3y,
      );
      expect(plan.inputs).toMatchObject({
        commitmentTerm: '3y',
        commitmentType: 'savings-plan',
        savingsPlanDiscounts: sp,
        commitmentPricing: {
          requested: 'savings-plan',
          appliedAs: 'savings-plan',
          ...sp,
        },
      });
      expect(plan.inputs.commitmentPricing?.note).toBeUndefined();
      expect(reserved.inputs.commitmentPricing).toMatchObject({
        requested: 'reservation',
        appliedAs: 'reservation',
        basis: ri.basis,
      });
      const md = renderAssessmentMarkdown(plan);
      expect(md).toContain(
        'Chosen commitment: 3-year commitment as savings plan',
      );
      expect(md).toContain(
        `1- and 3-year columns at savings plan prices, ${Math.round(
          sp.oneYear * 100,
        )}% / ${Math.round(sp.threeYear * 100)}% off compute`,
      );
      expect(renderAssessmentMarkdown(reserved)).toContain(
        '1- and 3-year columns at reservation prices',
      );
    },
  );

  it('uses the committed use prices for a savings plan on Google Cloud and says so', () => {
    const doc = shipped.document('gcp')!;
    expect(doc.savingsPlanDiscounts).toBeUndefined();
    const a = run('gcp', 'europe-west1', {
      commitmentTerm: '1y',
      commitmentType: 'savings-plan',
    });
    const compute = a.resources[0].cost!.compute;
    expect(compute.commit1y).toBe(
      Math.round(
        compute.onDemand * (1 - doc.commitmentDiscounts.oneYear) * 100,
      ) / 100,
    );
    expect(a.inputs.savingsPlanDiscounts).toBeUndefined();
    expect(a.inputs.commitmentPricing).toMatchObject({
      requested: 'savings-plan',
      appliedAs: 'committed-use',
      oneYear: doc.commitmentDiscounts.oneYear,
      note: expect.stringContaining(
        'Google Cloud has no savings plan for Compute Engine instances',
      ),
    });
    expect(a.warnings).toContain(a.inputs.commitmentPricing!.note);
    const md = renderAssessmentMarkdown(a);
    expect(md).toContain(
      'Chosen commitment: 1-year commitment as savings plan; Google Cloud has no savings plan',
    );
    expect(md).toContain('1- and 3-year columns at committed use prices');
    // a reservation request on GCP is committed use without a note
    const cud = run('gcp', 'europe-west1', { commitmentTerm: '1y' });
    expect(cud.inputs.commitmentPricing).toMatchObject({
      appliedAs: 'committed-use',
    });
    expect(cud.inputs.commitmentPricing?.note).toBeUndefined();
  });

  it('takes the savings plan discounts of a fetched catalog from its savings plan prices', () => {
    const fetched: FetchedInstancePrices = {
      provider: 'azure',
      currency: 'USD',
      source: 'Azure Retail Prices API',
      fetchedAt: '2026-12-01T03:00:00.000Z',
      regions: ['westeurope', 'northeurope'],
      rows: [
        {
          name: 'Standard_D2s_v5',
          region: 'westeurope',
          hourlyPrice: 0.1,
          commit1yHourly: 0.06,
          commit3yHourly: 0.04,
          savingsPlan1yHourly: 0.075,
          savingsPlan3yHourly: 0.054,
        },
        {
          name: 'Standard_D4s_v5',
          region: 'westeurope',
          hourlyPrice: 0.2,
          savingsPlan1yHourly: 0.15,
          savingsPlan3yHourly: 0.108,
        },
        { name: 'Standard_D2s_v5', region: 'northeurope', hourlyPrice: 0.09 },
      ],
    };
    const catalogs = shipped.withFetched([fetched]);
    const pricing = catalogs.forRegion('azure', 'westeurope');
    expect(pricing.savingsPlanDiscounts).toEqual({
      oneYear: 0.25,
      threeYear: 0.46,
      basis: expect.stringMatching(
        /^Median reduction of the source's 1-year and 3-year savings plan prices .* in westeurope/,
      ),
    });
    expect(pricing.commitmentDiscounts.basis).toContain('reservation prices');
    // a region whose rows carry no savings plan price keeps the shipped figures
    expect(
      catalogs.forRegion('azure', 'northeurope').savingsPlanDiscounts,
    ).toEqual(shipped.document('azure')!.savingsPlanDiscounts);
    const a = run(
      'azure',
      'westeurope',
      { commitmentTerm: '1y', commitmentType: 'savings-plan' },
      {},
      catalogs,
    );
    expect(a.inputs.commitmentPricing).toMatchObject({
      appliedAs: 'savings-plan',
      oneYear: 0.25,
    });
    const compute = a.resources[0].cost!.compute;
    expect(compute.commit1y).toBe(
      Math.round(compute.onDemand * 0.75 * 100) / 100,
    );
  });

  it('rejects an unknown commitment type naming the field', () => {
    expect(() =>
      run('aws', 'us-east-1', { commitmentType: 'spot' as any }),
    ).toThrow(
      'options.commitmentType must be reservation or savings-plan, got "spot"',
    );
    expect(() =>
      parseAnalyzeRequest({
        entityRefs: ['resource:default/app-01'],
        target: { provider: 'aws', region: 'us-east-1' },
        options: { commitmentType: 'spot' },
      }),
    ).toThrow(/^options\.commitmentType: /);
    expect(
      parseAnalyzeRequest({
        entityRefs: ['resource:default/app-01'],
        target: { provider: 'aws', region: 'us-east-1' },
        options: { commitmentType: 'savings-plan' },
      }).options,
    ).toEqual({ commitmentType: 'savings-plan' });
  });
});
