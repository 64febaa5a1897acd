// Runs the real application in a child process for crash tests; prints "LISTENING <port>".
import 'reflect-metadata';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/common/config/load-config';

async function main(): Promise<void> {
  const config = loadConfig({ env: { ...process.env, NODE_ENV: 'test' } });
  const app = await createApp(config, { quiet: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  process.stdout.write(`LISTENING ${address.port}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
