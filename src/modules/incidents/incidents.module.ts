import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { IncidentEditorService } from './incident-editor.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';

/** Incidents, Explorer's "Findings": search, show, and author/admin editing on the `incidents` table. */
@Module({
  imports: [AuthModule],
  controllers: [IncidentsController],
  providers: [IncidentsRepository, IncidentsService, IncidentEditorService],
})
export class IncidentsModule {}
