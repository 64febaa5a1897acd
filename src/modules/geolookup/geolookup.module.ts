import { Module } from '@nestjs/common';
import { GeolookupController } from './geolookup.controller';
import { GeolookupService } from './geolookup.service';

/** `POST /api/v1/geolookup`. Needs GeoipModule (global) imported by the application. */
@Module({ controllers: [GeolookupController], providers: [GeolookupService] })
export class GeolookupModule {}
