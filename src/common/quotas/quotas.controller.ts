import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { QuotaService, QuotaSummaryRow } from './quota.service';

@ApiTags('Private')
@Controller()
export class QuotasController {
  constructor(private readonly quotas: QuotaService) {}

  @Get('api/_/quotas_summary')
  @Roles('admin')
  @ApiOperation({
    summary: 'Subnets and accounts with the least daily quota left (admins only)',
    description: 'A list of `[subject, remaining daily quota in seconds]`, lowest first, at most 20.',
  })
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
      example: [['192.0.2.0/24', 12.5]],
    },
  })
  getQuotasSummary(): QuotaSummaryRow[] {
    return this.quotas.summary(20);
  }
}
