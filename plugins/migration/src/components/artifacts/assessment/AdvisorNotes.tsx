import { Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import type { AssessmentAdvisor } from '@sirsi-nexus/plugin-migration-common';

function describeRun(advisor: AssessmentAdvisor): string {
  return [
    advisor.provider,
    advisor.model,
    advisor.tokens ? `${advisor.tokens.total} tokens` : '',
    advisor.latencyMs !== undefined
      ? `${Math.round(advisor.latencyMs)} ms`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Why the assessment has no advisor notes. */
const NoAdvice = (props: { advisor: AssessmentAdvisor }) => (
  <Typography variant="body2" color="textSecondary">
    AI advisor:{' '}
    {props.advisor.status === 'fallback' ? 'unavailable' : 'not used'}
    {props.advisor.reason && ` (${props.advisor.reason.replace(/\.$/, '')})`}.
    The assessment rests on its rules alone.
  </Typography>
);

/** What the AI advisor wrote about the assessment, or why it wrote nothing. */
export const AdvisorNotes = (props: { advisor: AssessmentAdvisor }) => {
  const { advisor } = props;
  const notes = advisor.waveNotes.filter(n => n.note);
  if (advisor.status !== 'ok' || (!advisor.summary && notes.length === 0)) {
    return <NoAdvice advisor={advisor} />;
  }
  return (
    <InfoCard title="Advisor notes" subheader={describeRun(advisor)}>
      <Typography variant="caption" color="textSecondary" paragraph>
        Written by an AI model from the rules' results. It annotates; it never
        changes sizing, cost, waves or approvals.
      </Typography>
      {advisor.summary && <Typography paragraph>{advisor.summary}</Typography>}
      {notes.map((n, i) => (
        <Typography key={i} variant="body2" paragraph>
          <strong>Wave {n.wave}:</strong> {n.note}
        </Typography>
      ))}
    </InfoCard>
  );
};
