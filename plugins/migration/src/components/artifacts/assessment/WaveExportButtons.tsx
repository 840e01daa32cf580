import { Box, Button } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import { saveBlob } from '../ArtifactDownloadButton';
import { wavesToCsv, wavesToMarkdown } from './waveExport';

/** Downloads the waves and their resources as CSV and Markdown, for the teams' own trackers. */
export const WaveExportButtons = (props: { assessment: Assessment }) => {
  const { assessment } = props;
  const base = `waves-${assessment.migrationId ?? 'migration'}`;
  return (
    <Box display="flex" justifyContent="flex-end" mb={1}>
      <Button
        size="small"
        startIcon={<GetAppIcon />}
        onClick={() =>
          saveBlob(
            new Blob([wavesToCsv(assessment)], { type: 'text/csv' }),
            `${base}.csv`,
          )
        }
      >
        Waves as CSV
      </Button>
      <Button
        size="small"
        startIcon={<GetAppIcon />}
        onClick={() =>
          saveBlob(
            new Blob([wavesToMarkdown(assessment, base)], {
              type: 'text/markdown',
            }),
            `${base}.md`,
          )
        }
      >
        Waves as Markdown
      </Button>
    </Box>
  );
};
