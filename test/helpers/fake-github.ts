import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface FakePullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  state: 'open' | 'closed';
}

/**
 * A loopback stand-in for the GitHub REST calls of URL submission: open a pull request,
 * read it, close it. Requests without the expected Authorization header get 401.
 */
export class FakeGithub {
  readonly pulls: FakePullRequest[] = [];
  readonly authorizations: string[] = [];
  private server!: http.Server;
  url = '';

  constructor(
    private readonly repo: string,
    private readonly expectedAuthorization: string,
  ) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => this.handle(req, raw, res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The pull request opened from `branch` (head `<owner>:<branch>`). */
  pullFrom(branch: string): FakePullRequest | undefined {
    return this.pulls.find((p) => p.head.endsWith(`:${branch}`));
  }

  private apiUrl(n: number): string {
    return `${this.url}/repos/${this.repo}/pulls/${n}`;
  }

  private handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    this.authorizations.push(req.headers.authorization ?? '');
    if (req.headers.authorization !== this.expectedAuthorization) return send(401, { message: 'Bad credentials' });
    const base = `/repos/${this.repo}/pulls`;
    if (req.method === 'POST' && req.url === base) {
      const body = JSON.parse(raw) as { head: string; base: string; title: string };
      const pr: FakePullRequest = { number: this.pulls.length + 1, ...body, state: 'open' };
      this.pulls.push(pr);
      return send(201, { url: this.apiUrl(pr.number), number: pr.number, state: pr.state });
    }
    const m = new RegExp(`^${base}/(\\d+)$`).exec(req.url ?? '');
    const pr = m ? this.pulls[Number(m[1]) - 1] : undefined;
    if (!pr) return send(404, { message: 'Not Found' });
    if (req.method === 'PATCH') pr.state = (JSON.parse(raw) as { state: 'closed' }).state;
    return send(200, { url: this.apiUrl(pr.number), number: pr.number, state: pr.state });
  }
}
