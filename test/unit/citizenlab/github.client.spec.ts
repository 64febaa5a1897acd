import { CitizenlabOptions } from '../../../src/modules/citizenlab/citizenlab.options';
import { GithubApiError, GithubClient } from '../../../src/modules/citizenlab/submission/github.client';
import { FakeGithub } from '../../helpers/fake-github';

const REPO = 'citizenlab/test-lists';

function clientFor(apiUrl: string, user: string, token: string): GithubClient {
  const submission = {
    originUrl: '',
    originRepo: REPO,
    pushUrl: '',
    pushRepo: 'ooni-bot/test-lists',
    githubApiUrl: apiUrl,
    githubWebUrl: 'https://github.example',
    githubUser: user,
    githubToken: token,
    lockTimeoutMs: 1000,
  };
  return new GithubClient({ submission } as CitizenlabOptions);
}

describe(GithubClient.name, () => {
  let gh: FakeGithub;
  beforeAll(async () => {
    gh = new FakeGithub(REPO, 'Bearer tok-123');
    await gh.start();
  });
  afterAll(() => gh.stop());

  it('should open, read and close a pull request with a bearer token when no user is configured', async () => {
    const client = clientFor(gh.url, '', 'tok-123');
    const pr = await client.openPullRequest('user-contribution/abc', 'master');
    expect(pr).toBe(`${gh.url}/repos/${REPO}/pulls/1`);
    expect(gh.pulls[0]).toMatchObject({ head: 'ooni-bot:user-contribution/abc', base: 'master' });
    expect(await client.pullRequestState(pr)).toBe('open');
    await client.closePullRequest(pr);
    expect(await client.pullRequestState(pr)).toBe('closed');
    expect(client.webUrl(pr)).toBe(`https://github.example/${REPO}/pull/1`);
  });

  it('should send a stored pull request URL nowhere but the configured API, and keep the token out of errors', async () => {
    const client = clientFor(gh.url, '', 'tok-123');
    const before = gh.authorizations.length;
    await expect(client.pullRequestState(`http://127.0.0.1:1/repos/${REPO}/pulls/1`)).rejects.toThrow(GithubApiError);
    await expect(client.closePullRequest(`${gh.url}/repos/other/repo/pulls/1`)).rejects.toThrow(GithubApiError);
    expect(gh.authorizations.length).toBe(before);

    const wrong = clientFor(gh.url, '', 'wrong-token');
    const err = (await wrong.openPullRequest('b', 'master').catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(GithubApiError);
    expect(err.message).toContain('401');
    expect(err.message).not.toContain('wrong-token');
  });
});
