import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  IacReport,
  IacTerraformStep,
} from '@sirsi-nexus/plugin-migration-common';
import { OutcomeLabel } from '../ChecksTable';
import { stepOutcome } from './iacChecks';

const StepRow = (props: { step: IacTerraformStep }) => {
  const { step } = props;
  return (
    <TableRow>
      <TableCell>
        <code>{step.folder}</code>
      </TableCell>
      <TableCell>{step.step}</TableCell>
      <TableCell>
        <OutcomeLabel outcome={stepOutcome(step)} />
      </TableCell>
      <TableCell>
        {step.message}
        {step.outputTail && step.outputTail.length > 0 && (
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {step.outputTail.join('\n')}
          </pre>
        )}
      </TableCell>
    </TableRow>
  );
};

/** Whether terraform/tofu ran on the bundle, and what each step said. */
export const TerraformRun = (props: { terraform: IacReport['terraform'] }) => {
  const tf = props.terraform;
  if (!tf.ran) {
    return (
      <Typography variant="body2" color="textSecondary" paragraph>
        Terraform was not run{tf.reason ? `: ${tf.reason}` : ''}. The checks
        below come from parsing the generated files back.
      </Typography>
    );
  }
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" gutterBottom>
        {tf.command ?? 'terraform'} ran {tf.steps.length} steps
      </Typography>
      <Table size="small" aria-label="Terraform steps">
        <TableBody>
          {tf.steps.map((step, i) => (
            <StepRow key={`${step.folder}-${step.step}-${i}`} step={step} />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
