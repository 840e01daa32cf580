import {
  type BackstageIdentityApi,
  type BackstageIdentityResponse,
  type DiscoveryApi,
  type ProfileInfo,
  type ProfileInfoApi,
  type SessionApi,
  SessionState,
  createApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { Observable } from '@backstage/types';

/**
 * Demo-only sign-in as the example platform approver, served by the backend's `demoApprover`
 * proxy provider (packages/backend/src/modules/authModuleDemoApprover.ts).
 */
export const demoApproverAuthApiRef = createApiRef<
  ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'app.auth.demo-approver' });

type Session = {
  identity: BackstageIdentityResponse;
  profile: ProfileInfo;
};

/** Refresh this long before the Backstage token expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

function expiryOf(token: string): Date | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]));
    return typeof payload.exp === 'number'
      ? new Date(payload.exp * 1000)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Session of the demo approver, fetched from `/api/auth/demoApprover/refresh`. */
export class DemoApproverAuth
  implements ProfileInfoApi, BackstageIdentityApi, SessionApi
{
  private session?: Session;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(private readonly discoveryApi: DiscoveryApi) {}

  async getBackstageIdentity(): Promise<BackstageIdentityResponse> {
    return (await this.currentSession()).identity;
  }

  async getProfile(): Promise<ProfileInfo> {
    return (await this.currentSession()).profile;
  }

  async signIn(): Promise<void> {
    await this.currentSession();
  }

  async signOut(): Promise<void> {
    this.session = undefined;
    this.listeners.forEach(l => l(SessionState.SignedOut));
  }

  sessionState$(): Observable<SessionState> {
    const listeners = this.listeners;
    const state = this.session ? SessionState.SignedIn : SessionState.SignedOut;
    const observable: Observable<SessionState> = {
      [Symbol.observable]: () => observable,
      subscribe(observer: any) {
        const next =
          typeof observer === 'function'
            ? observer
            : observer?.next?.bind(observer);
        next?.(state);
        const listener = (s: SessionState) => next?.(s);
        listeners.add(listener);
        return {
          closed: false,
          unsubscribe() {
            listeners.delete(listener);
          },
        };
      },
    };
    return observable;
  }

  private async currentSession(): Promise<Session> {
    const expiresAt = this.session?.identity.expiresAt?.getTime();
    if (
      this.session &&
      (expiresAt === undefined || expiresAt - REFRESH_MARGIN_MS > Date.now())
    ) {
      return this.session;
    }
    const baseUrl = await this.discoveryApi.getBaseUrl('auth');
    const response = await fetch(`${baseUrl}/demoApprover/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = await response.json();
    const { token, identity } = body.backstageIdentity;
    this.session = {
      identity: { token, identity, expiresAt: expiryOf(token) },
      profile: body.profile ?? {},
    };
    this.listeners.forEach(l => l(SessionState.SignedIn));
    return this.session;
  }
}
