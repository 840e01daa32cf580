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
        /**
         * Azure Migrate server migration for migrations into this environment: the Recovery
         * Services vault of the Azure Migrate project. Wins over `migration.replication.azure`.
         */
        replication?: {
          /** The vault's subscription (default: the environment's). */
          subscriptionId?: string;
          /** Resource group of the vault. */
          resourceGroup: string;
          /** Name of the Recovery Services vault Azure Migrate created for the project. */
          vault: string;
          /** Virtual network id of test migrations, unless the migration item names one. */
          testNetworkId?: string;
          /** Subnet of the test network for the primary NIC. */
          testSubnetName?: string;
          /** Shut the source VM down before the final sync of a migration (default true). */
          shutdownSource?: boolean;
        };
      };
    }>;

    replication?: {
      /**
       * Azure Migrate server migration for Azure targets whose environment has no
       * `azure.replication` block (or that name no environment).
       */
      azure?: {
        /** The `migration.environments[]` entry whose credentials to use (default: the target's). */
        environment?: string;
        /** The vault's subscription. */
        subscriptionId: string;
        /** Resource group of the vault. */
        resourceGroup: string;
        /** Name of the Recovery Services vault Azure Migrate created for the project. */
        vault: string;
        /** Virtual network id of test migrations, unless the migration item names one. */
        testNetworkId?: string;
        /** Subnet of the test network for the primary NIC. */
        testSubnetName?: string;
        /** Shut the source VM down before the final sync of a migration (default true). */
        shutdownSource?: boolean;
        /** How throttled calls are retried (default: the environment's). */
        retry?: {
          maxAttempts?: number;
          baseDelayMs?: number;
          maxDelayMs?: number;
        };
      };
    };

    dns?: {
      /** DNS zones the cutover may change. */
      zones?: Array<{
        /** The zone's domain, e.g. `example.com`. */
        name: string;
        /** The DNS service that holds the zone: `azure` for Azure DNS. */
        provider: string;
        /** For `provider: azure`: the Azure DNS zone resource. */
        azure?: {
          subscriptionId: string;
          /** Resource group of the DNS zone. */
          resourceGroup: string;
          /** The `migration.environments[]` entry whose credentials to use (default: the target's). */
          environment?: string;
        };
        /** How throttled calls are retried (default: the environment's). */
        retry?: {
          maxAttempts?: number;
          baseDelayMs?: number;
          maxDelayMs?: number;
        };
      }>;
    };

    transfer?: {
      /** Target storage of real (non-rehearsal) Azure migrations: a Blob container. */
      blob?: {
        /** `https://<account>.blob.core.windows.net` (or a path-style emulator URL), without SAS. */
        accountUrl: string;
        /** The account name, when the URL does not tell it. */
        accountName?: string;
        container: string;
        /** Blob prefix; blobs go to `<prefix>/<migration id>/<resource>/<file>`. Default `migrations`. */
        prefix?: string;
        /**
         * The `migration.environments[]` entry whose Entra ID credentials to use; without it,
         * accountKey or sasToken, the default credential chain.
         */
        environment?: string;
        /**
         * Shared key of the account (prefer Entra ID with Storage Blob Data Contributor).
         * @visibility secret
         */
        accountKey?: string;
        /**
         * SAS token with read, write, delete and list permission on the container.
         * @visibility secret
         */
        sasToken?: string;
        /** Attempts per request of the storage client (default 4). */
        retry?: {
          maxAttempts?: number;
        };
      };
    };
  };
}
