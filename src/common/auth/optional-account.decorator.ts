import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { OptionalAccountGuard } from './optional-account.guard';
import { Public } from './public.decorator';

/** An open route that reads the caller's session when there is one (`@CurrentAccount()` may be undefined). */
export const OptionalAccount = (): MethodDecorator & ClassDecorator =>
  applyDecorators(Public(), UseGuards(OptionalAccountGuard), ApiBearerAuth());
