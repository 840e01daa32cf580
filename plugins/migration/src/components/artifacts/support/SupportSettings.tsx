import { Box, Chip, Typography } from '@material-ui/core';
import type {
  BackupStrategy,
  MonitoringConfig,
  ReportSchedule,
} from '@sirsi-nexus/plugin-migration-common';

function describeBackup(backup: BackupStrategy): string {
  if (!backup.enabled) return 'off';
  const copy = backup.copyToRegion ? `, copied to ${backup.copyToRegion}` : '';
  return `${backup.schedule} (UTC), kept ${backup.retentionDays} days${copy}`;
}

function describeReport(report: ReportSchedule): string {
  if (!report.cron) return 'not scheduled';
  return `${report.cron} (UTC) to ${report.recipients.join(', ') || 'nobody'}`;
}

/** Where alerts go, how backups run and when the operational report is sent. */
export const SupportSettings = (props: { config: MonitoringConfig }) => {
  const { channels, backupStrategy, reportSchedule } = props.config;
  return (
    <>
      <Typography variant="subtitle2">Channels</Typography>
      <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 8 }}>
        {channels.length
          ? channels.map((c, i) => (
              <Chip key={i} size="small" label={`${c.type}: ${c.target}`} />
            ))
          : 'none'}
      </Box>
      <Typography variant="subtitle2">Backup</Typography>
      <Typography variant="body2" paragraph>
        {describeBackup(backupStrategy)}
      </Typography>
      <Typography variant="subtitle2">Operational report</Typography>
      <Typography variant="body2">{describeReport(reportSchedule)}</Typography>
    </>
  );
};
