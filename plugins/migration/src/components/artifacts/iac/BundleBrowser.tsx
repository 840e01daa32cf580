import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Grid, Typography } from '@material-ui/core';
import {
  CodeSnippet,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { FileTree } from './FileTree';
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

/** One file of the bundle, with the line a check points at highlighted. */
const FileViewer = (props: { file: BundleFile; line?: number }) => {
  const { file, line } = props;
  return (
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
          This file is binary or too large to show; download the bundle to read
          it.
        </Typography>
      )}
    </>
  );
};

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
          {file && <FileViewer file={file} line={line} />}
        </div>
      </Grid>
    </Grid>
  );
};

/** Unzips the bundle in the browser and shows it, or explains why it cannot. */
export const Bundle = (props: {
  bytes: Uint8Array;
  location?: BundleLocation;
}) => {
  // Unzipped off the main thread; the page stays responsive while a large bundle inflates.
  const unzipped = useAsync(() => unzipBundle(props.bytes), [props.bytes]);
  if (unzipped.loading) return <Progress />;
  if (unzipped.error || !unzipped.value) {
    return (
      <WarningPanel
        title="The bundle could not be opened"
        message={`${
          unzipped.error?.message ?? 'No files'
        }. Download it to inspect it locally.`}
      />
    );
  }
  return <BundleBrowser files={unzipped.value} location={props.location} />;
};
