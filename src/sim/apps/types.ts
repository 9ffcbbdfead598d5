// What the world hands an app for one HTTP request, and what the app answers.

export interface AppRequest {
  method: string;
  /** Path and query, e.g. `/metrics`. */
  path: string;
  body: string;
  /** Client `ip:port`, as Go's r.RemoteAddr shows it. */
  remoteAddr: string;
}

export interface AppResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface App {
  /** The port the process listens on inside its container. */
  readonly port: number;
  handle(req: AppRequest): Promise<AppResponse>;
}

/** An outbound HTTP call from inside the network; rejects with NetworkError when the peer is unreachable. */
export type Upstream = (method: string, url: string, body?: string) => Promise<AppResponse>;

export function textResponse(status: number, body: string, contentType = 'text/plain; charset=utf-8'): AppResponse {
  return { status, body, headers: { 'Content-Type': contentType } };
}
