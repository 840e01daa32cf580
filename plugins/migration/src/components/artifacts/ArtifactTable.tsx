import type { ReactNode } from 'react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';

/** A line of secondary text below a value. */
export const Caption = (props: { children: ReactNode }) => (
  <Typography variant="caption" color="textSecondary" display="block">
    {props.children}
  </Typography>
);

/**
 * A small table of an artifact view: its accessible name, the column headings (`false` leaves a
 * column out) and the rows.
 */
export const ArtifactTable = (props: {
  label: string;
  columns: Array<string | false>;
  children: ReactNode;
}) => (
  <Table size="small" aria-label={props.label}>
    <TableHead>
      <TableRow>
        {props.columns
          .filter((column): column is string => column !== false)
          .map(column => (
            <TableCell key={column}>{column}</TableCell>
          ))}
      </TableRow>
    </TableHead>
    <TableBody>{props.children}</TableBody>
  </Table>
);
