import { HttpException, HttpStatus } from '@nestjs/common';
import { PrioRule } from './prio.types';

/**
 * Legacy `jerror(BaseOONIException)`: `{"error": <description>, "err_str": ..., "err_args": ...}`.
 * The exception filter passes every key of an `{error}` body through.
 */
class OoniPrioError extends HttpException {
  constructor(status: number, description: string, errStr: string, errArgs?: Record<string, unknown>) {
    super({ error: description, err_str: errStr, ...(errArgs ? { err_args: errArgs } : {}) }, status);
  }
}

export class NoProposedChangesError extends OoniPrioError {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'No changes are being proposed', 'err_no_proposed_changes');
  }
}

export class DuplicateRuleError extends OoniPrioError {
  constructor(rule: PrioRule) {
    super(HttpStatus.BAD_REQUEST, 'Duplicate rule', 'err_duplicate_rule', { ...rule });
  }
}

export class RuleNotFoundError extends OoniPrioError {
  constructor(rule: PrioRule) {
    super(HttpStatus.NOT_FOUND, 'Rule not found error', 'err_rule_not_found', { ...rule });
  }
}
