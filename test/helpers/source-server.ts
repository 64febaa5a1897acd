import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/** What the local source server answers for one path. */
export interface SourceRoute {
  body: Buffer | string;
  status?: number;
  /** Send only this many bytes of the body (with the full Content-Length), then cut the connection. */
  truncateAt?: number;
  /** Wait before answering. */
  delayMs?: number;
}

export interface SourceServer {
  /** http://127.0.0.1:<port> */
  url: string;
  routes: Map<string, SourceRoute>;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 standing in for the internet sources of the jobs. */
export async function startSourceServer(): Promise<SourceServer> {
  const routes = new Map<string, SourceRoute>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0];
    requests.push(p);
    const route = routes.get(p);
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body);
    setTimeout(() => {
      res.writeHead(route.status ?? 200, { 'content-length': String(body.length) });
      if (route.truncateAt === undefined) {
        res.end(body);
        return;
      }
      res.write(body.subarray(0, route.truncateAt), () => res.destroy());
    }, route.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
