export interface Config {
  auth?: {
    providers?: {
      /**
       * Demo-only sign-in as the example platform approver (see
       * src/modules/authModuleDemoApprover.ts). Leave unset in real deployments.
       */
      demoApprover?: {
        /** The user to sign in as, e.g. `user:default/alex.rivera`. */
        userEntityRef: string;
        /** Allow the demo sign-in outside development (NODE_ENV). */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
