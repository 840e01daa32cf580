export interface Config {
  auth?: {
    providers?: {
      /**
       * Demo-only sign-in as the example platform approver: served by the backend module
       * packages/backend/src/modules/authModuleDemoApprover.ts and offered on the app's sign-in
       * page. Leave unset in real deployments.
       */
      demoApprover?: {
        /**
         * The user to sign in as, e.g. `user:default/alex.rivera`; the app shows the sign-in
         * option when it is set.
         * @visibility frontend
         */
        userEntityRef: string;
        /** Allow the demo sign-in outside development (NODE_ENV). */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
