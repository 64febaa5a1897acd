import * as net from 'node:net';
import { AppProcess, startAppProcess } from '../helpers/app-process';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';

/** Sends raw bytes and collects everything until the server closes the connection. */
function rawExchange(url: string, request: string): Promise<{ response: string; closedByServer: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let response = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ response, closedByServer: false });
    }, 5000);
    socket.on('data', (chunk) => (response += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, closedByServer: true });
    });
  });
}

describe('HTTP hardening', () => {
  let t: TestApp;

  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('should answer oversized headers with 431 JSON and Connection: close, then close', async () => {
    const request = `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`;
    const { response, closedByServer } = await rawExchange(t.url, request);
    expect(response).toMatch(/^HTTP\/1\.1 431 /);
    const [head, body] = response.split('\r\n\r\n');
    expect(head.toLowerCase()).toContain('connection: close');
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expect(JSON.parse(body)).toEqual({ error: 'Request Header Fields Too Large' });
    expect(closedByServer).toBe(true);
  });

  it('should answer a malformed request line with 400 JSON and Connection: close', async () => {
    const { response } = await rawExchange(t.url, 'BROKEN\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(response.split('\r\n\r\n')[1])).toEqual({ error: 'Bad Request' });
  });
});

describe('Shutdown signals', () => {
  let dir: string;
  let proc: AppProcess | undefined;

  beforeAll(() => (dir = makeTempDir()));
  afterAll(async () => {
    await proc?.kill();
    removeDir(dir);
  });

  it('should keep serving after SIGUSR2 and SIGHUP, and stop cleanly on SIGTERM', async () => {
    proc = await startAppProcess({ OONI_VAR_DIR: dir });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      proc!.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    proc.child.kill('SIGUSR2');
    proc.child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 1500));
    expect(proc.child.exitCode).toBeNull();
    expect(proc.child.signalCode).toBeNull();
    expect((await fetch(`${proc.url}/health`)).status).toBe(200);
    proc.child.kill('SIGTERM');
    // Nest closes the app, then re-raises the signal: an exit by SIGTERM, or 0 when another
    // library's exit hook (proper-lockfile's signal-exit) takes the re-raised signal. Both
    // are a clean stop for systemd; a crash or a hang is neither.
    expect([
      { code: null, signal: 'SIGTERM' },
      { code: 0, signal: null },
    ]).toContainEqual(await exited);
  });
});
