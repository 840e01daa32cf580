import { Box, Chip, Typography } from '@material-ui/core';
import type { ReceivedAlert } from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime } from './format';

/**
 * The firing alerts of one resource: a chip with their number and one line per alert (name,
 * summary, since when). Nothing when none fires.
 */
export const FiringAlerts = (props: {
  alerts: readonly ReceivedAlert[] | undefined;
}) => {
  const alerts = props.alerts ?? [];
  if (alerts.length === 0) return null;
  return (
    <Box mt={0.5} role="group" aria-label="Firing alerts">
      <Chip
        size="small"
        color="secondary"
        label={`${alerts.length} alert${alerts.length === 1 ? '' : 's'} firing`}
      />
      {alerts.map(a => (
        <Typography
          key={a.fingerprint}
          variant="caption"
          display="block"
          color="error"
        >
          {a.alertname}
          {a.severity ? ` (${a.severity})` : ''}
          {a.summary ? `: ${a.summary}` : ''} · since{' '}
          {formatDateTime(a.startsAt)}
        </Typography>
      ))}
    </Box>
  );
};
