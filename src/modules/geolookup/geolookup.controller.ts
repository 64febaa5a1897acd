import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/public.decorator';
import { NoCache } from '../../common/http/cache-control.decorator';
import { GeolookupRequestDto } from './dto/geolookup.request.dto';
import { GeolookupResponseDto } from './dto/geolookup.response.dto';
import { GeolookupService } from './geolookup.service';

@ApiTags('ProbeServices')
@Controller('api/v1')
export class GeolookupController {
  constructor(private readonly geolookupService: GeolookupService) {}

  @Post('geolookup')
  @Public()
  @HttpCode(HttpStatus.OK)
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: geolookup for multiple IP addresses' })
  @ApiOkResponse({ type: GeolookupResponseDto, description: 'Country and AS of each address' })
  @ApiBadRequestResponse({ description: '`{"error": "<message>"}` when addresses is missing, too long or not IPs' })
  geolookup(@Body() body: GeolookupRequestDto): GeolookupResponseDto {
    return this.geolookupService.geolocate(body.addresses);
  }
}
