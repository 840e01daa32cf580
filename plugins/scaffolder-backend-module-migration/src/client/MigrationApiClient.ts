import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  MigrationClient,
  type AnalyzeRequest,
  type Assessment,
  type CreateMigrationRequest,
  type Migration,
  type MigrationRequestOptions,
  type MigrationStatusResponse,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Calls the `migration` backend plugin on behalf of the user who started the scaffolder task, so
 * the plugin's permissions apply to that user: migration-common's `MigrationClient` with a token
 * minted for each call, and the API's errors as the matching Backstage errors.
 *
 * @public
 */
export class MigrationApiClient {
  private readonly client: MigrationClient;

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
    },
  ) {
    this.client = new MigrationClient({
      discoveryApi: deps.discovery,
      fetchApi: deps.fetch ? { fetch: deps.fetch } : undefined,
    });
  }

  private async call<T>(
    credentials: BackstageCredentials,
    fn: (options: MigrationRequestOptions) => Promise<T>,
  ): Promise<T> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'migration',
    });
    try {
      return await fn({ token });
    } catch (error) {
      throw apiError(error);
    }
  }

  /** `POST /analyze`: the preview assessment of a selection. */
  async analyze(
    credentials: BackstageCredentials,
    request: AnalyzeRequest,
  ): Promise<Assessment> {
    return this.call(credentials, o => this.client.analyze(request, o));
  }

  /** `POST /migrations`: creates and starts a migration (`created` is false for a repeated key). */
  async createMigration(
    credentials: BackstageCredentials,
    request: CreateMigrationRequest,
  ): Promise<{ migration: Migration; created: boolean }> {
    return this.call(credentials, o => this.client.createMigration(request, o));
  }

  /** `GET /migrations/{id}/status`: the migration with its phases and approvals. */
  async getStatus(
    credentials: BackstageCredentials,
    migrationId: string,
  ): Promise<MigrationStatusResponse> {
    return this.call(credentials, o =>
      this.client.getMigrationStatus(migrationId, o),
    );
  }

  /** `GET /migrations/{id}/artifacts/{name}`: the artifact's bytes, or undefined when it does not exist yet. */
  async getArtifact(
    credentials: BackstageCredentials,
    migrationId: string,
    name: string,
  ): Promise<Buffer | undefined> {
    try {
      const blob = await this.call(credentials, o =>
        this.client.getArtifact(migrationId, name, o),
      );
      return Buffer.from(await blob.arrayBuffer());
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}

/**
 * The migration API's error as the matching Backstage error, carrying the server's message (for
 * example the field a 400 names) instead of a bare status line.
 */
function apiError(error: unknown): unknown {
  if (!(error instanceof ResponseError)) return error;
  const message = error.body?.error?.message;
  if (!message) return error;
  const text = `Migration API: ${message}`;
  switch (error.statusCode) {
    case 400:
      return new InputError(text, error);
    case 403:
      return new NotAllowedError(text, error);
    case 404:
      return new NotFoundError(text, error);
    case 409:
      return new ConflictError(text, error);
    default:
      return error;
  }
}
