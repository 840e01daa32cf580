import { Typography } from '@material-ui/core';
import { parseEntityRef } from '@backstage/catalog-model';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import {
  describeInvolvement,
  type MigrationInvolvement,
} from '../shared/involvement';

/** The catalog's title of the system or group the entity came through, when it has one. */
function useViaTitle(viaRef: string | undefined): string | undefined {
  // The presentation API batches and caches look-ups; without a ref it is asked for nothing real.
  const presentation = useEntityPresentation(
    viaRef ?? 'component:default/none',
  );
  if (!viaRef) return undefined;
  let name: string | undefined;
  try {
    name = parseEntityRef(viaRef).name;
  } catch {
    return undefined;
  }
  const title = presentation.primaryTitle;
  // The presentation falls back to the bare name until (or unless) the catalog has a title.
  return title && title !== name && title !== viaRef ? title : undefined;
}

/** "Migrated as part of Web Shop, wave 2": how the entity takes part in the migration. */
export const InvolvementLine = (props: {
  involvement: MigrationInvolvement;
}) => {
  const { involvement } = props;
  const title = useViaTitle(involvement.viaRef);
  return (
    <Typography variant="body2" aria-label="How this entity is involved">
      {describeInvolvement(involvement, title)}
    </Typography>
  );
};
