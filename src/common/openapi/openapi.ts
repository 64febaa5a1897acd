import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

function sortKeys<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

/** The OpenAPI document, generated from the code, with stable ordering so the committed copy diffs cleanly. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('OONI API')
    .setDescription(
      'Probe services, measurement search and aggregation, and the private entry points used by OONI Explorer.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const doc = SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
  doc.paths = sortKeys(doc.paths);
  if (doc.components?.schemas) doc.components.schemas = sortKeys(doc.components.schemas);
  return doc;
}

/** Swagger UI at /apidocs, JSON at /apispec_1.json (the legacy URL). */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('apidocs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'apispec_1.json',
    raw: ['json'],
  });
}
