import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { MonitoringAlertRule } from '@sirsi-nexus/plugin-migration-common';
import { humanize } from '../../shared';

/** `cpu > 90 for 10 min`; availability has no threshold. */
function condition(alert: MonitoringAlertRule): string {
  const threshold =
    alert.metric === 'availability'
      ? ''
      : ` ${alert.comparison} ${alert.threshold}`;
  return `${alert.metric}${threshold} for ${alert.forMinutes} min`;
}

/** The alerts of a monitoring configuration with their condition and severity. */
export const AlertsTable = (props: { alerts: MonitoringAlertRule[] }) => (
  <Table size="small" aria-label="Alerts">
    <TableHead>
      <TableRow>
        <TableCell>Alert</TableCell>
        <TableCell>Condition</TableCell>
        <TableCell>Severity</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.alerts.map(a => (
        <TableRow key={a.name}>
          <TableCell>
            {a.name}
            {a.description && (
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {a.description}
              </Typography>
            )}
          </TableCell>
          <TableCell>
            <code>{condition(a)}</code>
          </TableCell>
          <TableCell>{humanize(a.severity)}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
