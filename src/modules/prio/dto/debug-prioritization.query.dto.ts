import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Check, isStringMatching } from '../../../common/validation/query-transforms';
import { PrioListQueryDto } from './prio-list.query.dto';

const ASN_PATTERN = /^(AS)?\d{1,10}$/;

export class DebugPrioritizationQueryDto extends PrioListQueryDto {
  @ApiPropertyOptional({ description: 'Probe ASN, AS3269 or 3269; default 0: every network', example: 'AS3269' })
  @IsOptional()
  @Check(isStringMatching(ASN_PATTERN), 'Invalid ASN value in parameter probe_asn')
  @Matches(ASN_PATTERN, { message: 'Invalid ASN value in parameter probe_asn' })
  probe_asn?: string;
}
