import type { Result } from '../../electron/contract/errors';

/** A minimal client of the bridge, as the renderer uses it (POST /rpc with the two tokens). */
export function httpCaller(baseUrl: string, bridgeToken: string) {
  return async (
    method: string,
    input: unknown,
    session?: string,
    headers: Record<string, string> = {},
  ): Promise<Result<unknown>> => {
    const res = await fetch(`${baseUrl}/rpc`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-dangan-token': bridgeToken,
        ...(session ? { 'x-dangan-session': session } : {}),
        ...headers,
      },
      body: JSON.stringify({ method, input }),
    });
    return (await res.json()) as Result<unknown>;
  };
}
