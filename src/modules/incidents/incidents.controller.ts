import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SessionClaims } from '../../common/auth/auth.types';
import { CurrentAccount } from '../../common/auth/current-account.decorator';
import { OptionalSession } from '../../common/auth/optional-session.decorator';
import { Authenticated, Roles } from '../../common/auth/roles.decorator';
import { NoCache } from '../../common/http/cache-control.decorator';
import { validateBody } from '../../common/validation/validate-body';
import { IncidentBodyDto, IncidentDeleteDto, IncidentIdDto } from './dto/incident-request.dto';
import {
  IncidentChangeResponseDto,
  IncidentSearchResponseDto,
  IncidentShowResponseDto,
} from './dto/incident-response.dto';
import { SearchIncidentsQueryDto } from './dto/search-incidents.query.dto';
import { IncidentEditorService, PUBLISH_ACTIONS } from './incident-editor.service';
import { IncidentsService } from './incidents.service';

// Bodies are checked here rather than by the global pipe: like the newer API, a body that
// does not fit the schema is a 422.
const body422 = <T extends object>(cls: new () => T, body: unknown): T =>
  validateBody(cls, body, HttpStatus.UNPROCESSABLE_ENTITY);

@ApiTags('Incidents')
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly editor: IncidentEditorService,
  ) {}

  @Get('search')
  @OptionalSession()
  @NoCache()
  @ApiOperation({
    summary: 'Search and list findings',
    description: 'Anonymous callers see published findings; logged-in users also their own; admins all.',
  })
  @ApiOkResponse({ type: IncidentSearchResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid filter' })
  searchIncidents(
    @Query() query: SearchIncidentsQueryDto,
    @CurrentAccount() account?: SessionClaims,
  ): Promise<IncidentSearchResponseDto> {
    return this.incidents.search(query, account);
  }

  @Get('show/:incident_id')
  @OptionalSession()
  @NoCache()
  @ApiOperation({ summary: 'One finding, by id (all digits) or by slug' })
  @ApiParam({ name: 'incident_id', description: 'id or slug' })
  @ApiOkResponse({ type: IncidentShowResponseDto })
  @ApiNotFoundResponse({ description: 'No such finding, or not visible to the caller' })
  showIncident(
    @Param('incident_id') key: string,
    @CurrentAccount() account?: SessionClaims,
  ): Promise<IncidentShowResponseDto> {
    return this.incidents.show(key, account);
  }

  @Post('create')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Create a finding; only admins may create it published' })
  @ApiBody({ type: IncidentBodyDto })
  @ApiOkResponse({ type: IncidentChangeResponseDto })
  @ApiBadRequestResponse({ description: 'email_address is not the caller own' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid finding' })
  createIncident(@Body() body: unknown, @CurrentAccount() account: SessionClaims): Promise<IncidentChangeResponseDto> {
    return this.editor.create(body422(IncidentBodyDto, body), account);
  }

  @Post('update')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Replace a finding: its author or an admin; only admins may change published' })
  @ApiBody({ type: IncidentBodyDto })
  @ApiOkResponse({ type: IncidentChangeResponseDto })
  @ApiNotFoundResponse({ description: 'No such finding' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid finding' })
  updateIncident(@Body() body: unknown, @CurrentAccount() account: SessionClaims): Promise<IncidentChangeResponseDto> {
    return this.editor.update(body422(IncidentBodyDto, body), account);
  }

  @Post('delete')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Delete a finding: its author or an admin' })
  @ApiBody({ type: IncidentDeleteDto })
  @ApiOkResponse({ schema: { type: 'object', example: {} } })
  @ApiNotFoundResponse({ description: 'No such finding' })
  deleteIncident(@Body() body: unknown, @CurrentAccount() account: SessionClaims): Promise<Record<string, never>> {
    return this.editor.delete(body422(IncidentDeleteDto, body), account);
  }

  @Post(':action')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Publish or unpublish a finding (admins only)' })
  @ApiParam({ name: 'action', enum: PUBLISH_ACTIONS })
  @ApiBody({ type: IncidentIdDto })
  @ApiOkResponse({ type: IncidentChangeResponseDto })
  @ApiBadRequestResponse({ description: 'Unknown action' })
  @ApiNotFoundResponse({ description: 'No such finding' })
  changeIncidentPublication(
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<IncidentChangeResponseDto> {
    return this.editor.setPublished(action, body422(IncidentIdDto, body));
  }
}
