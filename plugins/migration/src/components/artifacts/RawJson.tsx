import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { JsonView } from './JsonView';

/** The artifact as JSON, folded away below a structured view. */
export const RawJson = (props: { value: unknown }) => (
  <Accordion TransitionProps={{ unmountOnExit: true }}>
    <AccordionSummary expandIcon={<ExpandMoreIcon />}>
      <Typography variant="body2">Raw JSON</Typography>
    </AccordionSummary>
    <AccordionDetails style={{ display: 'block' }}>
      <JsonView value={props.value} />
    </AccordionDetails>
  </Accordion>
);
