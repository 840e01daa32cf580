import type { TokenCredential } from '@azure/core-auth';
import { http, HttpResponse } from 'msw';

/** Azure Resource Manager, as the SDK clients call it. */
export const ARM = 'https://management.azure.com';
export const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-111122223333';

/** A credential that hands out one bearer token, counting the requests for it. */
export function staticCredential(): TokenCredential & { tokens: number } {
  const credential = {
    tokens: 0,
    async getToken() {
      credential.tokens++;
      return {
        token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test.signature',
        expiresOnTimestamp: Date.now() + 3_600_000,
      };
    },
  };
  return credential;
}

/** ARM's answer to a throttled request: 429, `Retry-After` and the remaining-requests header. */
export function armThrottled(kind: 'reads' | 'writes' = 'reads') {
  return HttpResponse.json(
    {
      error: {
        code: 'SubscriptionRequestsThrottled',
        message: `Number of '${kind.slice(
          0,
          -1,
        )}' requests for subscription '${SUBSCRIPTION}' actor 'f5a1c2d3-0000-4000-8000-00000000abcd' exceeded. Please try again after '1' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
      },
    },
    {
      status: 429,
      headers: {
        'Retry-After': '1',
        [`x-ms-ratelimit-remaining-subscription-${kind}`]: '0',
      },
    },
  );
}

/** ARM's answer to an expired bearer token. */
export function armExpiredToken() {
  return HttpResponse.json(
    {
      error: {
        code: 'ExpiredAuthenticationToken',
        message:
          "The access token expiry UTC time '5/4/2026 9:12:03 AM' is earlier than current UTC time '5/4/2026 10:40:51 AM'.",
      },
    },
    {
      status: 401,
      headers: {
        'WWW-Authenticate':
          'Bearer authorization_uri="https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47", error="invalid_token", error_description="The access token has expired."',
      },
    },
  );
}

/** ARM's answer when the identity lacks the role for `action` on `scope`. */
export function armAuthorizationFailed(action: string, scope: string) {
  return HttpResponse.json(
    {
      error: {
        code: 'AuthorizationFailed',
        message: `The client 'a1b2c3d4-1111-2222-3333-444455556666' with object id 'a1b2c3d4-1111-2222-3333-444455556666' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      },
    },
    { status: 403 },
  );
}

/**
 * A fault for the next requests an ARM fake answers: throttled (429) a number of times, or
 * rejected for an expired token or a missing role.
 */
export interface ArmFaults {
  throttle: number;
  /** Throttle only requests of this method. */
  throttleOnly?: string;
  expired: boolean;
  forbidden?: { action: string; scope: string };
}

/** The first matching fault's response, consuming a throttle. */
export function faultResponse(faults: ArmFaults, method: string) {
  if (faults.expired) return armExpiredToken();
  if (faults.forbidden) {
    return armAuthorizationFailed(
      faults.forbidden.action,
      faults.forbidden.scope,
    );
  }
  if (
    faults.throttle > 0 &&
    (!faults.throttleOnly || faults.throttleOnly === method)
  ) {
    faults.throttle--;
    return armThrottled(method === 'GET' ? 'reads' : 'writes');
  }
  return undefined;
}

export { http, HttpResponse };
