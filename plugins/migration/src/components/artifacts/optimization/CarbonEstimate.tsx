import { Box, Typography } from '@material-ui/core';
import type { CarbonEstimate as Carbon } from '@sirsi-nexus/plugin-migration-common';
import { Caption } from '../ArtifactTable';

/** Monthly energy and emissions of the migrated resources, with the method's coefficients. */
export const CarbonEstimate = (props: { carbon: Carbon }) => {
  const { carbon } = props;
  const c = carbon.coefficients;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" gutterBottom>
        Carbon estimate
      </Typography>
      <Typography variant="body2">
        {carbon.kgCo2ePerMonth.toFixed(1)} kg CO₂e and{' '}
        {carbon.kwhPerMonth.toFixed(0)} kWh per month in {c.provider} {c.region}{' '}
        (PUE {c.pue}).
      </Typography>
      <Caption>{carbon.formula}</Caption>
      {c.sources.length > 0 && (
        <Caption>Sources: {c.sources.join('; ')}</Caption>
      )}
    </Box>
  );
};
