import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/**
 * Demo-only sign-in as a named example user, so the portal can show a second person — the platform
 * approver — deciding a gate that the guest requested (separation of duties stays on).
 *
 * Configured under `auth.providers.demoApprover`; like the guest provider it refuses to run outside
 * development unless `dangerouslyAllowOutsideDevelopment` is set.
 */
export const authModuleDemoApprover = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-approver-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const providerConfig = config.getOptionalConfig(
          'auth.providers.demoApprover',
        );
        if (!providerConfig) {
          return;
        }
        const userEntityRef = providerConfig.getString('userEntityRef');
        const allowed =
          process.env.NODE_ENV === 'development' ||
          providerConfig.getOptionalBoolean(
            'dangerouslyAllowOutsideDevelopment',
          ) === true;

        providers.registerProvider({
          providerId: 'demoApprover',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate() {
                if (!allowed) {
                  throw new NotAllowedError(
                    'The demo approver sign-in is only for development; set auth.providers.demoApprover.dangerouslyAllowOutsideDevelopment to use it elsewhere',
                  );
                }
                return { result: {} };
              },
            }),
            signInResolver: async (_, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
          }),
        });
      },
    });
  },
});
