import {
  Box,
  Chip,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { CodeSnippet, InfoCard } from '@backstage/core-components';
import type {
  MonitoringConfig,
  SupportConfiguration,
} from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime, humanize } from '../shared';
import { OutcomeLabel } from './ChecksTable';
import { asRecord, normalizeOutcome } from './normalize';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

const Alerts = (props: {
  alerts: Partial<MonitoringConfig['alerts'][number]>[];
}) => (
  <Table size="small" aria-label="Alerts">
    <TableHead>
      <TableRow>
        <TableCell>Alert</TableCell>
        <TableCell>Condition</TableCell>
        <TableCell>Severity</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.alerts.map((a, i) => (
        <TableRow key={a.name ?? i}>
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
            <code>
              {a.metric}
              {a.metric !== 'availability' &&
                ` ${a.comparison ?? '>'} ${a.threshold}`}
              {a.forMinutes !== undefined && ` for ${a.forMinutes} min`}
            </code>
          </TableCell>
          <TableCell>{a.severity ? humanize(a.severity) : ''}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/**
 * `support.json`: the monitoring configuration (alerts, channels, backup, report schedule) and
 * the code generated from it (Prometheus rules, Terraform).
 */
export const SupportView = (props: { doc: unknown }) => {
  const doc = asRecord(props.doc) as Partial<SupportConfiguration> | undefined;
  const config = doc?.config as Partial<MonitoringConfig> | undefined;
  if (!doc || !config) return <JsonView value={props.doc} />;
  const alerts = Array.isArray(config.alerts) ? config.alerts : [];
  const channels = Array.isArray(config.channels) ? config.channels : [];
  const backup = config.backupStrategy;
  const report = config.reportSchedule;
  const generated = doc.generated;
  const terraform = Object.entries(generated?.terraform ?? {});

  return (
    <Grid container spacing={3}>
      {doc.updatedAt && (
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            Configured {formatDateTime(doc.updatedAt)}
            {doc.updatedBy && ` by ${doc.updatedBy}`}
          </Typography>
        </Grid>
      )}
      <Grid item xs={12} md={8}>
        <InfoCard title="Alerts">
          {alerts.length ? <Alerts alerts={alerts} /> : 'No alerts configured.'}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Notifications, backup and reports">
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
            {backup?.enabled
              ? `${backup.schedule} (UTC), kept ${backup.retentionDays} days${
                  backup.copyToRegion
                    ? `, copied to ${backup.copyToRegion}`
                    : ''
                }`
              : 'off'}
          </Typography>
          <Typography variant="subtitle2">Operational report</Typography>
          <Typography variant="body2">
            {report?.cron
              ? `${report.cron} (UTC) to ${
                  (report.recipients ?? []).join(', ') || 'nobody'
                }`
              : 'not scheduled'}
          </Typography>
        </InfoCard>
      </Grid>
      {generated && (
        <Grid item xs={12}>
          <InfoCard title="Generated monitoring as code">
            {(generated.validation ?? []).map((v, i) => (
              <Box key={i} display="flex" style={{ gap: 8 }}>
                <OutcomeLabel outcome={normalizeOutcome(v.status)} />
                <Typography variant="body2">
                  <code>{v.file}</code> {v.message}
                </Typography>
              </Box>
            ))}
            {(generated.notes ?? []).map((note, i) => (
              <Typography
                key={`note-${i}`}
                variant="body2"
                color="textSecondary"
              >
                {note}
              </Typography>
            ))}
            {generated.prometheusRules && (
              <Box mt={2}>
                <Typography variant="subtitle2" component="h4">
                  Prometheus alerting rules
                </Typography>
                <CodeSnippet
                  text={generated.prometheusRules}
                  language="yaml"
                  showCopyCodeButton
                />
              </Box>
            )}
            {terraform.map(([file, text]) => (
              <Box mt={2} key={file}>
                <Typography variant="subtitle2" component="h4">
                  {file}
                </Typography>
                <CodeSnippet text={text} language="text" showCopyCodeButton />
              </Box>
            ))}
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <RawJson value={props.doc} />
      </Grid>
    </Grid>
  );
};
