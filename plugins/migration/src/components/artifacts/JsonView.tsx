import { CodeSnippet } from '@backstage/core-components';
import { Typography } from '@material-ui/core';

/** Longest pretty-printed JSON shown inline; the rest is for download. */
const MAX_CHARS = 200_000;

/** Pretty-printed JSON with a copy button; very large documents are cut short. */
export const JsonView = (props: { value: unknown }) => {
  const text = JSON.stringify(props.value, null, 2) ?? 'null';
  const truncated = text.length > MAX_CHARS;
  return (
    <>
      {truncated && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Showing the first {MAX_CHARS.toLocaleString()} characters; download
          the artifact for the rest.
        </Typography>
      )}
      <CodeSnippet
        text={truncated ? text.slice(0, MAX_CHARS) : text}
        language="json"
        showCopyCodeButton
        showLineNumbers
      />
    </>
  );
};
