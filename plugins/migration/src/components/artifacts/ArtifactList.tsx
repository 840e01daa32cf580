import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Typography,
  makeStyles,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { ArtifactSummary } from '@sirsi-nexus/plugin-migration-common';
import { formatBytes, formatDateTime } from '../shared';
import { ArtifactDownloadButton } from './ArtifactDownloadButton';
import { ArtifactPreview } from './ArtifactPreview';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    width: '100%',
  },
  name: { fontFamily: 'monospace', flex: 1 },
  details: { display: 'block' },
}));

/**
 * Every artifact of a migration: name, type, size, checksum and a download; expanding one
 * previews it (content is fetched only then).
 */
export const ArtifactList = (props: { artifacts: ArtifactSummary[] }) => {
  const classes = useStyles();
  if (props.artifacts.length === 0) {
    return (
      <Typography variant="body2">
        No artifacts yet. Phases store their results here as they finish.
      </Typography>
    );
  }
  return (
    <div>
      {props.artifacts.map(artifact => (
        <Accordion
          key={artifact.name}
          TransitionProps={{ unmountOnExit: true }}
        >
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-label={`Preview ${artifact.name}`}
          >
            <div className={classes.summary}>
              <Typography className={classes.name}>{artifact.name}</Typography>
              <Typography variant="caption" color="textSecondary">
                {artifact.mediaType} · {formatBytes(artifact.size)} ·{' '}
                {formatDateTime(artifact.createdAt)} · sha256{' '}
                {artifact.sha256.slice(0, 12)}
              </Typography>
            </div>
          </AccordionSummary>
          <AccordionDetails className={classes.details}>
            <Box mb={2}>
              <ArtifactDownloadButton artifact={artifact} />
            </Box>
            <ArtifactPreview artifact={artifact} />
          </AccordionDetails>
        </Accordion>
      ))}
    </div>
  );
};
