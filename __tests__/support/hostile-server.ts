/**
 * A hostile COC server for attack tests: a plain node:http server on 127.0.0.1, port 0, whose
 * every answer is decided by the test (the emulator is an honest implementation and will not
 * echo credentials, page forever or lie about its shape). Records every request it receives.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What to answer: a JSON body (serialised here), or a raw writer for streams and hangs. */
export type HostileAnswer =
  | { readonly status: number; readonly json: unknown; readonly headers?: Record<string, string> }
  | { readonly raw: (res: ServerResponse) => void };

export interface HostileServer {
  readonly url: string;
  readonly requests: HostileRequest[];
  close(): Promise<void>;
}

/** Starts the server; `answer` is called for every request. */
export async function startHostileServer(
  answer: (request: HostileRequest) => HostileAnswer,
): Promise<HostileServer> {
  const requests: HostileRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: HostileRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const reply = answer(request);
      if ('raw' in reply) return reply.raw(res);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A list item of the documented shape. */
export function listItem(id: number, uuid: string, name: string): Record<string, unknown> {
  return {
    id,
    script_uuid: uuid,
    name,
    type: 'SHELL',
    status: 'APPROVED',
    enterprise_project_id: '0',
    properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [] },
  };
}

/** A detail of the documented shape. */
export function detail(
  uuid: string,
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    data: {
      script_uuid: uuid,
      name,
      type: 'SHELL',
      description: 'remote',
      content: 'echo remote\n',
      status: 'APPROVED',
      properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [] },
      script_params: [],
      ...extra,
    },
  };
}
