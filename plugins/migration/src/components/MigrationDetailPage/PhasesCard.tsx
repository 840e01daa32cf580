import { useState } from 'react';
import { Box } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  MIGRATION_PHASES,
  migrationApprovePermission,
  migrationExecutePermission,
  type MigrationPhase,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationDetails } from '../../hooks/useMigrationStatus';
import { PhaseProgressBar } from '../shared';
import { PhasePanel } from './PhasePanel';
import { PhaseStepper } from './PhaseStepper';

/** Progress through the nine phases; selecting one shows its gate and tasks. */
export const PhasesCard = (props: {
  details: MigrationDetails;
  onChanged: () => void;
}) => {
  const { migration, phases } = props.details;
  const { allowed: canExecute } = usePermission({
    permission: migrationExecutePermission,
    resourceRef: migration.id,
  });
  const { allowed: canApprove } = usePermission({
    permission: migrationApprovePermission,
    resourceRef: migration.id,
  });
  const [selectedPhase, setSelectedPhase] = useState<MigrationPhase>();
  const phase = selectedPhase ?? migration.currentPhase ?? MIGRATION_PHASES[0];
  return (
    <InfoCard>
      <Box mb={2}>
        <PhaseProgressBar
          progress={migration.progress}
          status={migration.status}
          currentPhase={migration.currentPhase}
          phases={phases}
        />
      </Box>
      <PhaseStepper
        phases={phases}
        gatedPhases={migration.gatedPhases ?? []}
        selected={phase}
        onSelect={setSelectedPhase}
      />
      <PhasePanel
        migration={migration}
        phase={phase}
        state={phases.find(p => p.phase === phase)}
        canExecute={canExecute}
        canApprove={canApprove}
        onChanged={props.onChanged}
      />
    </InfoCard>
  );
};
