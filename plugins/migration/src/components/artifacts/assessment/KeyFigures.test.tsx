import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  assessmentOverview,
  type Assessment,
} from '@sirsi-nexus/plugin-migration-common';
import { sampleAssessment } from '../../../__testUtils__/artifactFixtures';
import { KeyFigures } from './KeyFigures';
import { readOverview } from './readAssessment';

function modelWith(inputs: Partial<Assessment['inputs']>) {
  return readOverview(
    assessmentOverview({
      ...sampleAssessment,
      inputs: { ...sampleAssessment.inputs, ...inputs },
    }),
  );
}

describe('KeyFigures', () => {
  it('says which commitment prices the 1- and 3-year figures use, and why when not the one requested', async () => {
    await renderInTestApp(
      <KeyFigures
        model={modelWith({
          commitmentPricing: {
            requested: 'savings-plan',
            appliedAs: 'committed-use',
            oneYear: 0.28,
            threeYear: 0.46,
            basis: 'Compute Engine resource-based CUDs',
            note: 'Google Cloud sells no savings plan for instances: committed use discounts used',
          },
        })}
      />,
    );
    expect(
      screen.getByText(/3-year .* at committed use prices \(28% \/ 46% off\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Google Cloud sells no savings plan for instances: committed use discounts used',
      ),
    ).toBeInTheDocument();
  });

  it('leaves the basis out for an assessment stored before it was recorded', async () => {
    await renderInTestApp(
      <KeyFigures model={modelWith({ commitmentPricing: undefined })} />,
    );
    expect(screen.getByText(/1-year .* · 3-year/)).toBeInTheDocument();
    expect(screen.queryByText(/prices \(/)).not.toBeInTheDocument();
  });
});
