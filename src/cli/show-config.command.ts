import { Command } from 'commander';
import { stringify } from 'yaml';
import { loadConfig } from '../common/config/load-config';

const SECRET = /password|secret|key|token/i;

function redact(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && SECRET.test(key) && value !== '') return '<redacted>';
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

export function showConfigCommand(): Command {
  return new Command('show-config')
    .description('Print the effective configuration (defaults, files, environment), secrets redacted')
    .action(() => {
      process.stdout.write(stringify(redact({ ...loadConfig() })));
    });
}
