import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * The mock auth service, except that a plugin calling another on behalf of a user sends a user
 * token naming the plugin as its actor — as Backstage's real auth does (an on-behalf-of token).
 * The mock drops the actor, and the permission backend refuses conditional decisions to users
 * asking directly, so without this the list endpoints could not be tested with the real
 * permission backend.
 */
export const onBehalfOfAuthFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const getPluginRequestToken = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const { onBehalfOf } = options;
      if (auth.isPrincipal(onBehalfOf, 'user')) {
        return {
          token: mockCredentials.user.token(
            onBehalfOf.principal.userEntityRef,
            {
              actor: { subject: `plugin:${plugin.getId()}` },
            },
          ),
        };
      }
      return getPluginRequestToken(options);
    };
    return auth;
  },
});
