import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * A permission policy module for tests: each user holds exactly the permissions listed for them;
 * `alsoAllow` names permissions everyone holds (e.g. the notifications plugin's own).
 */
export function grantsPolicyModule(
  grants: Record<string, string[]>,
  alsoAllow: (permissionName: string) => boolean = () => false,
) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-grants-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy({
            async handle(query, user) {
              const name = query.permission.name;
              const ref = user?.info.userEntityRef ?? '';
              return {
                result:
                  alsoAllow(name) || grants[ref]?.includes(name)
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              };
            },
          });
        },
      });
    },
  });
}
