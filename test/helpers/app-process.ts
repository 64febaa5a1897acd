import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

export interface AppProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The application in its own Node process: TypeScript run through @swc-node/register, or
 * `entry`, the same entry point compiled by `compileAppProcess()` (starts several times faster).
 */
export async function startAppProcess(env: Record<string, string>, entry?: string): Promise<AppProcess> {
  const args = entry ? [entry] : ['-r', '@swc-node/register', path.join(__dirname, 'app-process-main.ts')];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, NODE_ENV: 'test' },
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`app did not start in 60 s: ${stderr}`)), 60000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}: ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}
