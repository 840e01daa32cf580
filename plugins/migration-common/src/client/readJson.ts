import { ResponseError } from '@backstage/errors';
import type { TypedResponse } from '../schema/openapi';

/**
 * The body of a successful response; otherwise rejects with a `ResponseError` carrying the
 * backend's error body. An empty body (204) reads as undefined.
 */
export async function readJson<T>(response: TypedResponse<T>): Promise<T> {
  if (!response.ok) {
    throw await ResponseError.fromResponse(response as Response);
  }
  const text = await response.text();
  // Parsed here rather than with response.json(): the values are plain objects of this realm,
  // which the scaffolder's template renderer requires of action outputs.
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Rejects with a `ResponseError` unless the response is successful. */
export async function assertOk<T extends Pick<Response, 'ok'>>(
  response: T,
): Promise<T> {
  if (!response.ok) {
    throw await ResponseError.fromResponse(response as unknown as Response);
  }
  return response;
}
