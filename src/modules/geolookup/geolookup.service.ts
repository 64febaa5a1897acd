import { Injectable } from '@nestjs/common';
import { GeoipService } from '../../common/geoip/geoip.service';
import { GeolocationDto, GeolookupResponseDto } from './dto/geolookup.response.dto';

@Injectable()
export class GeolookupService {
  constructor(private readonly geoip: GeoipService) {}

  /** Legacy `geolookup`: country and AS looked up independently, null when not found. */
  geolocate(addresses: readonly string[]): GeolookupResponseDto {
    const geolocation: Record<string, GeolocationDto> = {};
    for (const address of addresses) {
      const as = this.geoip.lookupAsn(address);
      geolocation[address] = { cc: this.geoip.lookupCountry(address), asn: as?.asn ?? null, as_name: as?.name ?? null };
    }
    return { geolocation, v: 1 };
  }
}
