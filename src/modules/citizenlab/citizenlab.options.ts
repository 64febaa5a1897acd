import * as path from 'node:path';
import { AppConfig } from '../../common/config/app-config';

/** YAML section `citizenlab:` with paths made absolute (see config/default.yaml). */
export interface CitizenlabOptions {
  /** Where the test-lists repository is cloned from by the updater. */
  repoUrl: string;
  branch: string;
  cron: string;
  updaterEnabled: boolean;
  minUrls: number;
  maxUrls: number;
  gitTimeoutMs: number;
  /** Working state: updater snapshot, per-user working copies. */
  workdir: string;
  submission: {
    /** Clone source of the users' working copies (the upstream the pull requests target). */
    originUrl: string;
    /** `owner/name` of the upstream on GitHub: pull requests are opened there. */
    originRepo: string;
    /** Where user branches are pushed (a fork), and its `owner/name`. */
    pushUrl: string;
    pushRepo: string;
    githubApiUrl: string;
    githubWebUrl: string;
    githubUser: string;
    githubToken: string;
    lockTimeoutMs: number;
  };
}

export const CITIZENLAB_OPTIONS = Symbol('CITIZENLAB_OPTIONS');

export function citizenlabOptionsFrom(config: AppConfig): CitizenlabOptions {
  const c = config.citizenlab;
  const s = c.submission;
  return {
    repoUrl: c.repo_url,
    branch: c.branch,
    cron: c.cron,
    updaterEnabled: c.updater_enabled,
    minUrls: c.min_urls,
    maxUrls: c.max_urls,
    gitTimeoutMs: c.git_timeout_s * 1000,
    workdir: c.workdir ? path.resolve(c.workdir) : config.varPath('citizenlab'),
    submission: {
      originUrl: s.origin_url || c.repo_url,
      originRepo: s.origin_repo,
      pushUrl: s.push_url || `${s.github_web_url.replace(/\/+$/, '')}/${s.push_repo}.git`,
      pushRepo: s.push_repo,
      githubApiUrl: s.github_api_url.replace(/\/+$/, ''),
      githubWebUrl: s.github_web_url.replace(/\/+$/, ''),
      githubUser: s.github_user,
      githubToken: s.github_token,
      lockTimeoutMs: s.lock_timeout_ms,
    },
  };
}
