import {
  Button,
  Checkbox,
  FormControl,
  InputLabel,
  ListItemText,
  MenuItem,
  Select,
  makeStyles,
} from '@material-ui/core';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  MIGRATION_STATUSES,
  type MigrationStatus,
} from '@sirsi-nexus/plugin-migration-common';
import { humanize } from '../shared';

const ANY_OWNER = '';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  control: { minWidth: 220 },
}));

function ownerLabel(ref: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
  } catch {
    return ref;
  }
}

/** Current filters of the migrations list. */
export interface MigrationFilterValues {
  statuses: MigrationStatus[];
  owner?: string;
}

/** Status and owner filters above the migrations table. */
export const MigrationFilters = (props: {
  value: MigrationFilterValues;
  owners: string[];
  onChange: (value: MigrationFilterValues) => void;
}) => {
  const classes = useStyles();
  const { value, owners, onChange } = props;
  const hasFilters = value.statuses.length > 0 || !!value.owner;

  return (
    <div className={classes.root}>
      <FormControl className={classes.control}>
        <InputLabel id="migration-status-filter-label">Status</InputLabel>
        <Select
          labelId="migration-status-filter-label"
          id="migration-status-filter"
          multiple
          value={value.statuses}
          renderValue={selected =>
            (selected as string[]).map(humanize).join(', ')
          }
          onChange={e =>
            onChange({
              ...value,
              statuses: e.target.value as MigrationStatus[],
            })
          }
        >
          {MIGRATION_STATUSES.map(status => (
            <MenuItem key={status} value={status}>
              <Checkbox checked={value.statuses.includes(status)} />
              <ListItemText primary={humanize(status)} />
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl className={classes.control}>
        <InputLabel id="migration-owner-filter-label">Owner</InputLabel>
        <Select
          labelId="migration-owner-filter-label"
          id="migration-owner-filter"
          value={value.owner ?? ANY_OWNER}
          onChange={e => {
            const owner = e.target.value as string;
            onChange({
              ...value,
              owner: owner === ANY_OWNER ? undefined : owner,
            });
          }}
        >
          <MenuItem value={ANY_OWNER}>Any owner</MenuItem>
          {owners.map(owner => (
            <MenuItem key={owner} value={owner}>
              {ownerLabel(owner)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {hasFilters && (
        <Button onClick={() => onChange({ statuses: [] })}>
          Clear filters
        </Button>
      )}
    </div>
  );
};
