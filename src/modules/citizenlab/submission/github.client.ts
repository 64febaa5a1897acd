import { Inject, Injectable } from '@nestjs/common';
import { CITIZENLAB_OPTIONS, CitizenlabOptions } from '../citizenlab.options';

export class GithubApiError extends Error {
  override readonly name = 'GithubApiError';
}

export type PullRequestState = 'open' | 'closed';

const REQUEST_TIMEOUT_MS = 15_000;
const PR_TITLE = 'Contribution from test-lists.ooni.org';

/**
 * The two GitHub REST calls of URL submission (open a pull request, read or close it), at
 * `citizenlab.submission.github_api_url`. The token goes in the Authorization header only;
 * error messages carry the status, never the request.
 */
@Injectable()
export class GithubClient {
  private readonly s: CitizenlabOptions['submission'];

  constructor(@Inject(CITIZENLAB_OPTIONS) options: CitizenlabOptions) {
    this.s = options.submission;
  }

  /** Opens a pull request from `branch` of the push repository; returns its API URL (legacy `pr_id`). */
  async openPullRequest(branch: string, base: string): Promise<string> {
    const head = `${this.s.pushRepo.split('/')[0]}:${branch}`;
    const body = await this.call('POST', `${this.s.githubApiUrl}/repos/${this.s.originRepo}/pulls`, {
      head,
      base,
      title: PR_TITLE,
    });
    const url = (body as { url?: unknown }).url;
    if (typeof url !== 'string' || !this.isPullUrl(url)) throw new GithubApiError('pull request answer has no url');
    return url;
  }

  async pullRequestState(prUrl: string): Promise<PullRequestState> {
    const state = ((await this.call('GET', this.checked(prUrl))) as { state?: unknown }).state;
    if (state !== 'open' && state !== 'closed') throw new GithubApiError('pull request answer has no state');
    return state;
  }

  async closePullRequest(prUrl: string): Promise<void> {
    await this.call('PATCH', this.checked(prUrl), { state: 'closed' });
  }

  /** The browsable page of a pull request (legacy `get_pr_url`). */
  webUrl(prUrl: string): string {
    return `${this.s.githubWebUrl}/${this.s.originRepo}/pull/${prUrl.split('/').pop() ?? ''}`;
  }

  private isPullUrl(url: string): boolean {
    return url.startsWith(`${this.s.githubApiUrl}/repos/${this.s.originRepo}/pulls/`) && /\/pulls\/\d+$/.test(url);
  }

  /** Stored PR URLs are only ever sent back to the configured API, never elsewhere. */
  private checked(prUrl: string): string {
    if (!this.isPullUrl(prUrl)) throw new GithubApiError('stored pull request URL does not match the configuration');
    return prUrl;
  }

  private authorization(): Record<string, string> {
    if (!this.s.githubToken) return {};
    const value = this.s.githubUser
      ? `Basic ${Buffer.from(`${this.s.githubUser}:${this.s.githubToken}`).toString('base64')}`
      : `Bearer ${this.s.githubToken}`;
    return { authorization: value };
  }

  private async call(method: string, url: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          'user-agent': 'ooni-api',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...this.authorization(),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new GithubApiError(`GitHub API ${method} unreachable: ${(err as Error).name}`);
    }
    if (!res.ok) throw new GithubApiError(`GitHub API ${method} answered ${res.status}`);
    return res.json();
  }
}
