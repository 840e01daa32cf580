import { countOf } from '@sirsi-nexus/plugin-migration-common';
import { Box, Typography } from '@material-ui/core';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  migrationScopeRefs,
  useEntityMigrations,
} from '../../hooks/useEntityMigrations';
import { migrationRouteRef } from '../../routes';
import {
  PhaseProgressBar,
  RequestMigrationButton,
  StatusChip,
  describeTarget,
  formatDateTime,
  humanize,
} from '../shared';
import {
  involvementOf,
  resolvedResourceCount,
  resourcesCount,
} from '../shared/involvement';
import { EntityFiringAlerts } from './EntityFiringAlerts';
import { InvolvementLine } from './InvolvementLine';

/**
 * Entity page card: the current migration touching this entity (or its parts) with its phase,
 * progress and status, or a way to request one.
 */
export const EntityMigrationCard = () => {
  const { entity } = useEntity();
  const { value, error, loading } = useEntityMigrations(entity);
  const migrationLink = useRouteRef(migrationRouteRef);

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (!value) {
    content = error ? <ResponseErrorPanel error={error} /> : <Progress />;
  } else if (value.length === 0) {
    content = (
      <EmptyState
        missing="content"
        title="No migration touches this entity"
        description="Request a migration to assess, plan and move it to the cloud."
        action={<RequestMigrationButton />}
      />
    );
  } else {
    const current = value[0];
    const involvement = involvementOf(current);
    content = (
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Typography variant="h6" component="p" style={{ flex: 1 }}>
            <Link to={migrationLink({ id: current.id })}>{current.title}</Link>
          </Typography>
          <StatusChip status={current.status} />
        </Box>
        {involvement && <InvolvementLine involvement={involvement} />}
        <Typography variant="body2" color="textSecondary">
          {current.sourceEnvironmentId} → {describeTarget(current)} ·{' '}
          {resourcesCount(resolvedResourceCount(current))}
        </Typography>
        <PhaseProgressBar
          progress={current.progress}
          status={current.status}
          currentPhase={current.currentPhase}
        />
        <Typography variant="body2">
          {current.currentPhase
            ? `Phase: ${humanize(current.currentPhase)}`
            : 'Not started'}{' '}
          · updated {formatDateTime(current.updatedAt)}
        </Typography>
        <EntityFiringAlerts
          migrationId={current.id}
          entityRefs={migrationScopeRefs(entity)}
        />
        {value.length > 1 && (
          <Typography variant="caption" color="textSecondary">
            {countOf(value.length - 1, 'other migration')}{' '}
            {value.length === 2 ? 'touches' : 'touch'} this entity; see the
            Migrations tab.
          </Typography>
        )}
      </Box>
    );
  }

  // A heading, so screen-reader users can jump to the card like to the page's other sections.
  return (
    <InfoCard title="Migration" titleTypographyProps={{ component: 'h2' }}>
      {content}
    </InfoCard>
  );
};
