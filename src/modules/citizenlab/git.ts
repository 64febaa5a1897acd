import { SimpleGit, SimpleGitOptions, simpleGit } from 'simple-git';

/**
 * The system `git` in `dir`, never prompting, killed after `timeoutMs` without output.
 * `env` adds variables (e.g. credentials as GIT_CONFIG_* so they are in no argument list,
 * no remote URL and no file).
 */
export function gitAt(
  dir: string,
  timeoutMs: number,
  env: Record<string, string> = {},
  unsafe: SimpleGitOptions['unsafe'] = {},
): SimpleGit {
  // Only what git needs from our environment: simple-git refuses editor/pager variables.
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'LANG', 'TMPDIR'].filter((k) => process.env[k]).map((k) => [k, process.env[k] as string]),
  );
  return simpleGit({ baseDir: dir, timeout: { block: timeoutMs }, unsafe }).env({
    ...inherited,
    GIT_TERMINAL_PROMPT: '0',
    ...env,
  });
}

/** Git identity of the commits the API makes (the global config may have none). */
export const COMMITTER_ENV = {
  GIT_AUTHOR_NAME: 'OONI Test List Editor',
  GIT_AUTHOR_EMAIL: 'contact@openobservatory.org',
  GIT_COMMITTER_NAME: 'OONI Test List Editor',
  GIT_COMMITTER_EMAIL: 'contact@openobservatory.org',
};
