import { Box, Typography } from '@material-ui/core';
import { alertsByResource, useFiringAlerts } from '../../hooks/useFiringAlerts';
import { FiringAlerts } from '../shared/FiringAlerts';

/**
 * The alerts firing for an entity (or its parts) in a migration: those Alertmanager delivered
 * whose instance was linked to one of `entityRefs`, grouped by resource.
 */
export const EntityFiringAlerts = (props: {
  migrationId: string;
  entityRefs: string[];
}) => {
  const { value } = useFiringAlerts(props.migrationId);
  const byRef = alertsByResource(value, 'entityRef');
  const groups = props.entityRefs
    .map(ref => byRef.get(ref.toLowerCase()) ?? [])
    .filter(alerts => alerts.length > 0);
  if (groups.length === 0) return null;
  return (
    <Box>
      {groups.map(alerts => (
        <Box key={alerts[0].resource!.entityRef} mt={1}>
          <Typography variant="body2">{alerts[0].resource!.name}</Typography>
          <FiringAlerts alerts={alerts} />
        </Box>
      ))}
    </Box>
  );
};
