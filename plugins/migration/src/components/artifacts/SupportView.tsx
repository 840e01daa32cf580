import {
  Box,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { StructuredMetadataTable } from '@backstage/core-components';
import { humanize } from '../shared';
import { asArray, asRecord, pickArray, pickString } from './normalize';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

function channelLabel(channel: unknown): string {
  const r = asRecord(channel);
  if (!r) return String(channel);
  const type = pickString(r, 'type', 'kind');
  const target = pickString(r, 'target', 'address', 'name', 'url', 'channel');
  return [type, target].filter(Boolean).join(': ') || JSON.stringify(channel);
}

/** `support.json`: the monitoring configuration — alerts, channels, backup and reports. */
export const SupportView = (props: { doc: unknown }) => {
  const doc = asRecord(props.doc);
  if (!doc) return <JsonView value={props.doc} />;
  const alerts = asArray(pickArray(doc, 'alerts', 'alertRules', 'rules'));
  const channels = asArray(pickArray(doc, 'channels', 'notificationChannels'));
  const rest = Object.fromEntries(
    Object.entries(doc).filter(
      ([key]) =>
        ![
          'alerts',
          'alertRules',
          'rules',
          'channels',
          'notificationChannels',
        ].includes(key),
    ),
  );

  return (
    <>
      {alerts.length > 0 && (
        <Box mb={2}>
          <Typography variant="subtitle2" gutterBottom>
            Alerts
          </Typography>
          <Table size="small" aria-label="Alerts">
            <TableHead>
              <TableRow>
                <TableCell>Alert</TableCell>
                <TableCell>Condition</TableCell>
                <TableCell>Severity</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {alerts.map((alert, i) => {
                const a = asRecord(alert) ?? {};
                const condition =
                  pickString(a, 'condition', 'expr', 'expression', 'query') ??
                  [
                    pickString(a, 'metric'),
                    pickString(a, 'operator', 'comparison'),
                    pickString(a, 'threshold'),
                  ]
                    .filter(Boolean)
                    .join(' ');
                const severity = pickString(a, 'severity', 'level');
                return (
                  <TableRow key={i}>
                    <TableCell>
                      {pickString(a, 'name', 'title', 'alert', 'id') ??
                        `Alert ${i + 1}`}
                    </TableCell>
                    <TableCell>
                      <code>{condition}</code>
                    </TableCell>
                    <TableCell>{severity ? humanize(severity) : ''}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
      {channels.length > 0 && (
        <Box mb={2}>
          <Typography variant="subtitle2" gutterBottom>
            Notification channels
          </Typography>
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
            {channels.map((c, i) => (
              <Chip key={i} size="small" label={channelLabel(c)} />
            ))}
          </Box>
        </Box>
      )}
      {Object.keys(rest).length > 0 && (
        <StructuredMetadataTable metadata={rest} dense />
      )}
      <Box mt={2}>
        <RawJson value={props.doc} />
      </Box>
    </>
  );
};
