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
import type {
  AnalyzeRequest,
  Assessment,
  CreateMigrationRequest,
  Migration,
  MigrationStatusResponse,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Calls the `migration` backend plugin over HTTP on behalf of the user who started the
 * scaffolder task, so the plugin's permissions apply to that user.
 *
 * @public
 */
export class MigrationApiClient {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
    },
  ) {}

  private async request(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'migration',
    });
    const baseUrl = await this.deps.discovery.getBaseUrl('migration');
    const response = await (this.deps.fetch ?? fetch)(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return response;
  }

  private async json<T>(response: Response): Promise<T> {
    if (!response.ok) throw await apiError(response);
    // Parsed here rather than with response.json(): values built by this module's own JSON stay
    // plain objects of this realm, which the scaffolder's template renderer requires of outputs.
    return JSON.parse(await response.text()) as T;
  }

  /** `POST /analyze`: the preview assessment of a selection. */
  async analyze(
    credentials: BackstageCredentials,
    request: AnalyzeRequest,
  ): Promise<Assessment> {
    return this.json(
      await this.request(credentials, 'POST', '/analyze', request),
    );
  }

  /** `POST /migrations`: creates and starts a migration (`created` is false for a repeated key). */
  async createMigration(
    credentials: BackstageCredentials,
    request: CreateMigrationRequest,
  ): Promise<{ migration: Migration; created: boolean }> {
    const response = await this.request(
      credentials,
      'POST',
      '/migrations',
      request,
    );
    const migration = await this.json<Migration>(response);
    return { migration, created: response.status === 201 };
  }

  /** `GET /migrations/{id}/status`: the migration with its phases and approvals. */
  async getStatus(
    credentials: BackstageCredentials,
    migrationId: string,
  ): Promise<MigrationStatusResponse> {
    return this.json(
      await this.request(
        credentials,
        'GET',
        `/migrations/${encodeURIComponent(migrationId)}/status`,
      ),
    );
  }

  /** `GET /migrations/{id}/artifacts/{name}`: the artifact's bytes, or undefined when it does not exist yet. */
  async getArtifact(
    credentials: BackstageCredentials,
    migrationId: string,
    name: string,
  ): Promise<Buffer | undefined> {
    const response = await this.request(
      credentials,
      'GET',
      `/migrations/${encodeURIComponent(
        migrationId,
      )}/artifacts/${encodeURIComponent(name)}`,
    );
    if (response.status === 404) return undefined;
    if (!response.ok) throw await apiError(response);
    return Buffer.from(await response.arrayBuffer());
  }
}

/**
 * The migration API's error as the matching Backstage error, carrying the server's message (for
 * example the field a 400 names) instead of a bare status line.
 */
async function apiError(response: Response): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  const message = error.body?.error?.message;
  if (!message) return error;
  const text = `Migration API: ${message}`;
  switch (response.status) {
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
