import { useState } from 'react';
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AuditEvent } from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime, humanize } from '../shared';

/** Newest events shown before "Show all". */
const INITIAL_COUNT = 50;

const useStyles = makeStyles(theme => ({
  item: {
    borderLeft: `2px solid ${theme.palette.divider}`,
    marginLeft: theme.spacing(1),
    paddingLeft: theme.spacing(2),
  },
  detail: {
    fontFamily: 'monospace',
    fontSize: '0.75rem',
    color: theme.palette.text.secondary,
    wordBreak: 'break-word',
  },
}));

function Actor(props: { actor: string }) {
  return /^(user|group):/.test(props.actor) ? (
    <EntityRefLink entityRef={props.actor} />
  ) : (
    <>{props.actor}</>
  );
}

function describeDetail(detail: Record<string, unknown> | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(' · ');
}

/** `phase.approved` → `Phase approved`. */
function describeAction(action: string): string {
  return humanize(action.replace(/\./g, ' '));
}

/** The audit trail, newest first: who did what, when, in which phase. */
export const AuditTimeline = (props: { events: AuditEvent[] }) => {
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const newestFirst = [...props.events].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, INITIAL_COUNT);

  if (props.events.length === 0) {
    return <Typography variant="body2">No events recorded yet.</Typography>;
  }

  return (
    <>
      <List dense aria-label="Audit trail">
        {shown.map(event => (
          <ListItem
            key={event.id}
            className={classes.item}
            data-action={event.action}
          >
            <ListItemText
              primary={
                <>
                  <strong>{describeAction(event.action)}</strong>
                  {event.phase && ` · ${humanize(event.phase)}`} by{' '}
                  <Actor actor={event.actor} />
                </>
              }
              secondary={
                <>
                  <Typography
                    variant="caption"
                    component="span"
                    display="block"
                  >
                    {formatDateTime(event.at)}
                  </Typography>
                  {event.detail && (
                    <span className={classes.detail}>
                      {describeDetail(event.detail)}
                    </span>
                  )}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
      {!showAll && newestFirst.length > INITIAL_COUNT && (
        <Box mt={1}>
          <Button onClick={() => setShowAll(true)}>
            Show all {newestFirst.length} events
          </Button>
        </Box>
      )}
    </>
  );
};
