import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEntityMigrations } from '../../hooks/useEntityMigrations';
import { MigrationsTable, RequestMigrationButton } from '../shared';

/** Entity page tab: every migration of the entity and its parts. */
export const EntityMigrationContent = () => {
  const { entity } = useEntity();
  const { value, error, loading } = useEntityMigrations(entity);
  return (
    <Grid container spacing={3}>
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} />
        </Grid>
      )}
      {(value || loading) && (
        <Grid item xs={12}>
          <MigrationsTable
            title={`Migrations of ${
              entity.metadata.title ?? entity.metadata.name
            }`}
            migrations={value ?? []}
            keepOrder
            showInvolvement
            isLoading={loading}
            emptyContent={
              <EmptyState
                missing="content"
                title="No migration touches this entity or its parts"
                description="Request a migration to assess, plan and move it to the cloud."
                action={<RequestMigrationButton />}
              />
            }
          />
        </Grid>
      )}
    </Grid>
  );
};
