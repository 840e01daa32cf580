import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  type SignInPageProps,
} from '@backstage/core-plugin-api';
import { demoApproverAuthApiRef } from './demoApproverAuth';

/**
 * Guest sign-in, plus the demo platform approver when `auth.providers.demoApprover` is
 * configured, so a second person can decide the gates a guest requested.
 */
export const DemoSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const approver = config.getOptionalString(
    'auth.providers.demoApprover.userEntityRef',
  );
  return (
    <SignInPage
      {...props}
      auto
      providers={[
        'guest',
        ...(approver
          ? [
              {
                id: 'demo-approver',
                title: 'Platform approver (demo)',
                message: `Sign in as ${approver}, who decides migration approval gates`,
                apiRef: demoApproverAuthApiRef,
              },
            ]
          : []),
      ]}
    />
  );
};
