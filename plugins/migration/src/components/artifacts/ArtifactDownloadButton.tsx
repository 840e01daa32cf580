import { useState } from 'react';
import { Button } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { ArtifactSummary } from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef } from '../../api';
import { errorMessage, formatBytes } from '../shared';

/** Saves a blob under a file name through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads an artifact. The content is fetched with the user's credentials (a plain link would
 * not carry them) and then saved under the artifact's name.
 */
export const ArtifactDownloadButton = (props: {
  artifact: ArtifactSummary;
  variant?: 'text' | 'outlined' | 'contained';
}) => {
  const { artifact } = props;
  const api = useApi(migrationApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const blob = await api.getArtifact(artifact.migrationId, artifact.name);
      const typed =
        blob.type || !artifact.mediaType
          ? blob
          : new Blob([blob], { type: artifact.mediaType });
      saveBlob(typed, artifact.name.split('/').pop() || artifact.name);
    } catch (e) {
      alertApi.post({
        message: `Could not download ${artifact.name}: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size="small"
      variant={props.variant ?? 'outlined'}
      startIcon={<GetAppIcon />}
      onClick={download}
      disabled={busy}
      aria-label={`Download ${artifact.name}`}
    >
      Download ({formatBytes(artifact.size)})
    </Button>
  );
};
