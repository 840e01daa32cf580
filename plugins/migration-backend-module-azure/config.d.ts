export interface Config {
  migration?: {
    /** The `azure` block of environments with `provider: azure`. */
    environments?: Array<{
      /** For `provider: azure`: one subscription. */
      azure?: {
        subscriptionId: string;
        /** Tenant of the app registration; with clientId and clientSecret, or none of the three. */
        tenantId?: string;
        clientId?: string;
        /**
         * Client secret of the app registration. Without tenantId, clientId and clientSecret the
         * default credential chain is used (managed identity, Azure CLI, AZURE_* variables).
         * @visibility secret
         */
        clientSecret?: string;
        /** Entra ID authority for sovereign clouds, e.g. https://login.microsoftonline.us. */
        authorityHost?: string;
        /** Azure Resource Manager endpoint for sovereign clouds. */
        endpoint?: string;
      };
    }>;
  };
}
