import { badRequest } from '../../common/errors/api-error';

const DAY_RE = /^\d{4}-[01]\d-[0-3]\d$/;

/** Where the legacy `/files…` and `/stats` pages now live on OONI Explorer (301 targets). */
export class LegacyRedirects {
  private readonly explorer: string;

  constructor(explorerUrl: string) {
    this.explorer = explorerUrl.replace(/\/+$/, '');
  }

  stats(): string {
    return this.explorer;
  }

  search(): string {
    return `${this.explorer}/search`;
  }

  /** `/files/by_date/<YYYY-MM-DD>`: that day's measurements. */
  filesOnDate(date: string): string {
    const since = DAY_RE.test(date) ? new Date(`${date}T00:00:00Z`) : null;
    if (!since || Number.isNaN(since.getTime()) || since.toISOString().slice(0, 10) !== date) {
      throw badRequest('Invalid date format');
    }
    const until = new Date(since.getTime() + 86400_000).toISOString().slice(0, 10);
    return `${this.search()}?${new URLSearchParams({ until, since: date }).toString()}`;
  }

  /** `/files/by_country/<CC>`: that country's measurements. */
  filesInCountry(countryCode: string): string {
    if (!/^[A-Za-z]{2}$/.test(countryCode)) throw badRequest('Country code must be two characters');
    return `${this.search()}?${new URLSearchParams({ probe_cc: countryCode.toUpperCase() }).toString()}`;
  }
}
