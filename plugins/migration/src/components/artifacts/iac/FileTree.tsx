import { Fragment } from 'react';
import {
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  makeStyles,
} from '@material-ui/core';
import DescriptionIcon from '@material-ui/icons/Description';
import { formatBytes } from '../../shared';
import type { BundleFile } from './unzipBundle';

const useStyles = makeStyles(theme => ({
  list: {
    maxHeight: 560,
    overflowY: 'auto',
    borderRight: `1px solid ${theme.palette.divider}`,
  },
  icon: { minWidth: 32 },
  subheader: { lineHeight: '32px' },
}));

/** Groups files by their folder (`wave-1/compute.tf` → `wave-1`). */
export function groupByFolder(files: BundleFile[]): [string, BundleFile[]][] {
  const groups = new Map<string, BundleFile[]>();
  for (const file of files) {
    const slash = file.path.lastIndexOf('/');
    const folder = slash >= 0 ? file.path.slice(0, slash) : '';
    groups.set(folder, [...(groups.get(folder) ?? []), file]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** The bundle's files by folder; selecting one shows it. */
export const FileTree = (props: {
  files: BundleFile[];
  selected?: string;
  onSelect: (path: string) => void;
}) => {
  const classes = useStyles();
  return (
    <List dense className={classes.list} aria-label="Bundle files">
      {groupByFolder(props.files).map(([folder, files]) => (
        <Fragment key={folder || '/'}>
          {folder && (
            <ListSubheader className={classes.subheader} disableSticky>
              {folder}/
            </ListSubheader>
          )}
          {files.map(file => (
            <ListItem
              key={file.path}
              button
              selected={file.path === props.selected}
              onClick={() => props.onSelect(file.path)}
              aria-current={file.path === props.selected ? 'true' : undefined}
            >
              <ListItemIcon className={classes.icon}>
                <DescriptionIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText
                primary={file.path.slice(folder ? folder.length + 1 : 0)}
                secondary={formatBytes(file.size)}
              />
            </ListItem>
          ))}
        </Fragment>
      ))}
    </List>
  );
};
