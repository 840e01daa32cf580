import { Grid, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import type { SupportConfiguration } from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime } from '../../shared';
import { AlertsTable } from './AlertsTable';
import { GeneratedMonitoring } from './GeneratedMonitoring';
import { SupportSettings } from './SupportSettings';

/**
 * `support.json`: the monitoring configuration (alerts, channels, backup, report schedule) and
 * the code generated from it (Prometheus rules, Terraform).
 */
export const SupportView = (props: { support: SupportConfiguration }) => {
  const { support } = props;
  const { alerts } = support.config;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          Configured {formatDateTime(support.updatedAt)} by {support.updatedBy}
        </Typography>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="Alerts">
          {alerts.length ? (
            <AlertsTable alerts={alerts} />
          ) : (
            'No alerts configured.'
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Notifications, backup and reports">
          <SupportSettings config={support.config} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Generated monitoring as code">
          <GeneratedMonitoring generated={support.generated} />
        </InfoCard>
      </Grid>
    </Grid>
  );
};
