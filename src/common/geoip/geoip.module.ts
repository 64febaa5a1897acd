import { Global, Module, OnModuleDestroy } from '@nestjs/common';
import { GeoipService } from './geoip.service';

/** One GeoipService for the whole application; its file watcher stops when the app closes. */
@Global()
@Module({ providers: [GeoipService], exports: [GeoipService] })
export class GeoipModule implements OnModuleDestroy {
  constructor(private readonly geoip: GeoipService) {}

  onModuleDestroy(): void {
    this.geoip.stop();
  }
}
