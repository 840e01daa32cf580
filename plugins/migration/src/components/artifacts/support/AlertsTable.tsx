import { TableCell, TableRow } from '@material-ui/core';
import type { MonitoringAlertRule } from '@sirsi-nexus/plugin-migration-common';
import { humanize } from '../../shared';
import { ArtifactTable, Caption } from '../ArtifactTable';

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
  <ArtifactTable label="Alerts" columns={['Alert', 'Condition', 'Severity']}>
    {props.alerts.map(a => (
      <TableRow key={a.name}>
        <TableCell>
          {a.name}
          {a.description && <Caption>{a.description}</Caption>}
        </TableCell>
        <TableCell>
          <code>{condition(a)}</code>
        </TableCell>
        <TableCell>{humanize(a.severity)}</TableCell>
      </TableRow>
    ))}
  </ArtifactTable>
);
