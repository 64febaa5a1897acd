import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * Legacy `jerror(BaseOONIException)` of the URL submission routes:
 * `{"error": <description>, "err_str": ..., "err_args"?: ...}`.
 */
export class CitizenlabError extends HttpException {
  constructor(description: string, errStr: string, status = HttpStatus.BAD_REQUEST, errArgs?: Record<string, string>) {
    super({ error: description, err_str: errStr, ...(errArgs ? { err_args: errArgs } : {}) }, status);
  }
}

export const invalidCountryCode = (): CitizenlabError =>
  new CitizenlabError('Country code is invalid', 'err_invalid_country_code');
export const countryNotSupported = (): CitizenlabError =>
  new CitizenlabError('Country Not Supported', 'err_country_not_supported');
export const badUrl = (): CitizenlabError => new CitizenlabError('Invalid URL', 'err_bad_url');
export const badCategoryCode = (): CitizenlabError =>
  new CitizenlabError('Invalid category code', 'err_bad_category_code');
export const badDate = (): CitizenlabError => new CitizenlabError('Invalid date', 'err_bad_date');
export const badField = (): CitizenlabError =>
  new CitizenlabError('Invalid field: too long or with a line break', 'err_bad_field');
export const duplicateUrl = (url: string): CitizenlabError =>
  new CitizenlabError(`${url} is duplicate`, 'err_duplicate_url', HttpStatus.BAD_REQUEST, { url });
export const noProposedChanges = (): CitizenlabError =>
  new CitizenlabError('No changes are being proposed', 'err_no_proposed_changes');
export const cannotUpdateList = (): CitizenlabError =>
  new CitizenlabError('Unable to update. The URL list has changed in the meantime.', 'err_cannot_update_list');
export const cannotClosePr = (): CitizenlabError =>
  new CitizenlabError('Unable to close PR. Please reload data.', 'err_cannot_close_pr');
export const workspaceBusy = (): CitizenlabError =>
  new CitizenlabError('Another request of this account is in progress', 'err_busy', HttpStatus.CONFLICT);
export const upstreamFailed = (what: string): CitizenlabError =>
  new CitizenlabError(`${what} failed, please retry later`, 'err_upstream', HttpStatus.BAD_GATEWAY);
