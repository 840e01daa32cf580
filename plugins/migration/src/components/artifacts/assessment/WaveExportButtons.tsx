import { Box, Button } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import { saveBlob } from '../ArtifactDownloadButton';
import { wavesToCsv, wavesToMarkdown } from './waveExport';

/**
 * Downloads the waves and their resources as CSV and Markdown, for the teams' own trackers. The
 * whole assessment is loaded only when one is asked for.
 */
export const WaveExportButtons = (props: {
  migrationId?: string;
  load: () => Promise<Assessment>;
}) => {
  const alertApi = useApi(alertApiRef);
  const base = `waves-${props.migrationId ?? 'migration'}`;
  const save = async (
    render: (assessment: Assessment) => string,
    type: string,
    name: string,
  ) => {
    try {
      saveBlob(new Blob([render(await props.load())], { type }), name);
    } catch (e) {
      alertApi.post({
        message: `Could not export the waves: ${(e as Error).message}`,
        severity: 'error',
      });
    }
  };
  return (
    <Box display="flex" justifyContent="flex-end" mb={1}>
      <Button
        size="small"
        startIcon={<GetAppIcon />}
        onClick={() => save(wavesToCsv, 'text/csv', `${base}.csv`)}
      >
        Waves as CSV
      </Button>
      <Button
        size="small"
        startIcon={<GetAppIcon />}
        onClick={() =>
          save(a => wavesToMarkdown(a, base), 'text/markdown', `${base}.md`)
        }
      >
        Waves as Markdown
      </Button>
    </Box>
  );
};
