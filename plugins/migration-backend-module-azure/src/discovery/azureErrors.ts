import {
  AuthenticationError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AzureThrottlingError } from './throttlingPolicy';

type AzureLikeError = Error & {
  statusCode?: number;
  code?: string;
  errorResponse?: { error?: string; errorDescription?: string };
};

function kindOf(
  error: AzureLikeError,
): 'credentials' | 'permission' | 'throttled' | 'other' {
  if (error instanceof AzureThrottlingError || error.statusCode === 429)
    return 'throttled';
  if (
    [
      'AuthenticationError',
      'AuthenticationRequiredError',
      'CredentialUnavailableError',
    ].includes(error.name)
  ) {
    return 'credentials';
  }
  if (error.statusCode === 401) return 'credentials';
  if (error.statusCode === 403) return 'permission';
  return 'other';
}

function detailOf(error: AzureLikeError): string {
  if (error instanceof AzureThrottlingError) return error.message;
  // Entra ID errors carry the useful sentence after their AADSTS code.
  const aadsts = /(AADSTS\d+:[\s\S]*?)(?:\s+Trace ID:|$)/.exec(
    error.message ?? '',
  );
  if (aadsts) return aadsts[1];
  const description = error.errorResponse?.errorDescription?.split(/\r?\n/)[0];
  if (description) return `${error.errorResponse?.error}: ${description}`;
  const firstLine = (error.message ?? String(error)).split(/\r?\n/)[0];
  return error.code ? `${error.code}: ${firstLine}` : firstLine;
}

/** A message and remediation for a failed Azure call, for validation checks. */
export function describeAzureError(
  error: unknown,
  environmentId: string,
): { message: string; remediation: string } {
  const e = error as AzureLikeError;
  const detail = detailOf(e);
  switch (kindOf(e)) {
    case 'credentials':
      return {
        message: `Azure rejected the credentials of environment ${environmentId} (${detail})`,
        remediation:
          'Create a new client secret for the app registration and set azure.clientSecret (or fix azure.tenantId / azure.clientId); without them the default credential chain (managed identity, Azure CLI, AZURE_* variables) is used.',
      };
    case 'permission':
      return {
        message: `The identity of environment ${environmentId} may not read the subscription (${detail})`,
        remediation:
          'Assign the Reader role on the subscription (or the resource groups to discover) to the app registration or managed identity.',
      };
    case 'throttled':
      return {
        message: `Azure Resource Manager throttled environment ${environmentId}: ${detail}`,
        remediation:
          'Run discovery less often or outside busy hours (other tools reading the same subscription share its limits), or allow more and longer retries (retry.maxAttempts, retry.maxDelayMs).',
      };
    default:
      return {
        message: `Azure Resource Manager could not be reached for environment ${environmentId} (${detail})`,
        remediation:
          'Check azure.subscriptionId, network access to management.azure.com and login.microsoftonline.com (proxy, firewall), and the Azure status page.',
      };
  }
}

/** Turns an Azure error into one with a clear message; credential and permission problems keep their kind. */
export function toAzureDiscoveryError(
  error: unknown,
  environmentId: string,
): Error {
  const e = error as AzureLikeError;
  if (e?.name === 'AbortError') return e;
  const { message, remediation } = describeAzureError(error, environmentId);
  const text = `${message}. ${remediation}`;
  switch (kindOf(e)) {
    case 'credentials':
      return new AuthenticationError(text, error);
    case 'permission':
      return new NotAllowedError(text, error);
    default:
      return new ServiceUnavailableError(text, error);
  }
}
