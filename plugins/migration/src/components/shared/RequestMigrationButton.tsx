import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { migrationCreatePermission } from '@sirsi-nexus/plugin-migration-common';
import {
  REQUEST_MIGRATION_TEMPLATE,
  REQUEST_MIGRATION_TEMPLATE_PATH,
  selectedTemplateRouteRef,
} from '../../routes';

/** Where the "Request a migration" template lives in this app. */
export function useRequestMigrationLink(): string {
  const templateRoute = useRouteRef(selectedTemplateRouteRef);
  return templateRoute
    ? templateRoute(REQUEST_MIGRATION_TEMPLATE)
    : REQUEST_MIGRATION_TEMPLATE_PATH;
}

/**
 * Link to the "Request a migration" software template; hidden from users who may not create
 * migrations.
 */
export const RequestMigrationButton = (props: {
  variant?: 'contained' | 'outlined' | 'text';
}) => {
  const link = useRequestMigrationLink();
  const { allowed } = usePermission({ permission: migrationCreatePermission });
  if (!allowed) return null;
  return (
    <LinkButton
      to={link}
      color="primary"
      variant={props.variant ?? 'contained'}
    >
      Request a migration
    </LinkButton>
  );
};
