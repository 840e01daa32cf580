import { useEffect, useMemo, useRef, useState } from 'react';
import { Grid, Typography } from '@material-ui/core';
import {
  CodeSnippet,
  InfoCard,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import type { ArtifactSummary } from '@sirsi-nexus/plugin-migration-common';
import { useArtifact } from '../../../hooks/useArtifact';
import { ArtifactDownloadButton } from '../ArtifactDownloadButton';
import { AsyncContent } from '../AsyncContent';
import { FileTree } from './FileTree';
import { IacReportSection } from './IacReportSection';
import { languageOf, unzipBundle, type BundleFile } from './unzipBundle';

/** A place in the bundle a check points at. */
export interface BundleLocation {
  file: string;
  line?: number;
}

/** Finds the bundle file a report location names (exactly, or as a path suffix). */
export function resolveLocation(
  files: BundleFile[],
  file: string,
): BundleFile | undefined {
  const clean = file.replace(/^\.?\//, '');
  return (
    files.find(f => f.path === clean) ??
    files.find(f => f.path.endsWith(`/${clean}`))
  );
}

/** The bundle's file tree beside a viewer of the selected file. */
const BundleBrowser = (props: {
  files: BundleFile[];
  location?: BundleLocation;
}) => {
  const { files, location } = props;
  const [selected, setSelected] = useState<string | undefined>(
    files.find(f => f.text !== undefined)?.path,
  );
  const [line, setLine] = useState<number>();
  const viewer = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!location) return;
    const target = resolveLocation(files, location.file);
    if (target) {
      setSelected(target.path);
      setLine(location.line);
      viewer.current?.scrollIntoView?.({ block: 'start' });
    }
  }, [files, location]);

  const file = files.find(f => f.path === selected);
  if (files.length === 0) {
    return <Typography variant="body2">The bundle is empty.</Typography>;
  }
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={3}>
        <FileTree
          files={files}
          selected={selected}
          onSelect={path => {
            setSelected(path);
            setLine(undefined);
          }}
        />
      </Grid>
      <Grid item xs={12} md={9}>
        <div ref={viewer} aria-live="polite">
          {file && (
            <>
              <Typography variant="subtitle2" component="h4" gutterBottom>
                {file.path}
                {line !== undefined && ` (line ${line})`}
              </Typography>
              {file.text !== undefined ? (
                <CodeSnippet
                  text={file.text}
                  language={languageOf(file.path)}
                  showLineNumbers
                  showCopyCodeButton
                  highlightedNumbers={line !== undefined ? [line] : undefined}
                />
              ) : (
                <Typography variant="body2">
                  This file is binary or too large to show; download the bundle
                  to read it.
                </Typography>
              )}
            </>
          )}
        </div>
      </Grid>
    </Grid>
  );
};

/** Unzips the bundle in the browser and shows it, or explains why it cannot. */
const Bundle = (props: { bytes: Uint8Array; location?: BundleLocation }) => {
  const unzipped = useMemo(() => {
    try {
      return { files: unzipBundle(props.bytes) };
    } catch (e) {
      return { error: e as Error };
    }
  }, [props.bytes]);
  if (unzipped.error) {
    return (
      <WarningPanel
        title="The bundle could not be opened"
        message={`${unzipped.error.message}. Download it to inspect it locally.`}
      />
    );
  }
  return <BundleBrowser files={unzipped.files!} location={props.location} />;
};

/**
 * `iac-bundle.zip` + `iac-report.json`: the validation report (pass/warn/fail with file:line,
 * linked into the bundle) and the generated Terraform as a file tree with a code viewer.
 */
export const IacView = (props: {
  bundle?: ArtifactSummary;
  report?: ArtifactSummary;
}) => {
  const report = useArtifact(props.report, 'json');
  const bundle = useArtifact(props.bundle, 'bytes');
  const [location, setLocation] = useState<BundleLocation>();

  return (
    <Grid container spacing={3}>
      {props.report && (
        <Grid item xs={12}>
          <InfoCard
            title="Validation report"
            action={<ArtifactDownloadButton artifact={props.report} />}
          >
            <AsyncContent state={report}>
              {doc => (
                <IacReportSection
                  report={doc}
                  onLocate={
                    props.bundle
                      ? (file, line) => setLocation({ file, line })
                      : undefined
                  }
                />
              )}
            </AsyncContent>
          </InfoCard>
        </Grid>
      )}
      {props.bundle && (
        <Grid item xs={12}>
          <InfoCard
            title="Terraform bundle"
            action={<ArtifactDownloadButton artifact={props.bundle} />}
          >
            {bundle.error ? (
              <ResponseErrorPanel error={bundle.error} />
            ) : (
              <AsyncContent state={bundle}>
                {bytes => <Bundle bytes={bytes} location={location} />}
              </AsyncContent>
            )}
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
};
