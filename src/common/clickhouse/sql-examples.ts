import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { SQL_EXAMPLE_KEY, SqlExampleOptions } from './sql-example.decorator';
import { sqlFileName } from './sql-render';

export interface ExampleCall {
  file: string;
  module: string;
  className: string;
  method: string;
  example: SqlExampleOptions;
  call: (args: unknown[]) => Promise<unknown>;
}

/** Every provider method carrying @SqlExample, in a stable order. */
export function exampleCalls(discovery: DiscoveryService): ExampleCall[] {
  const scanner = new MetadataScanner();
  const calls: ExampleCall[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, (...args: unknown[]) => Promise<unknown>> | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const examples = Reflect.getMetadata(SQL_EXAMPLE_KEY, instance[method]) as SqlExampleOptions[] | undefined;
      const className = instance.constructor.name;
      for (const example of examples ?? []) {
        calls.push({
          file: sqlFileName(className),
          module: wrapper.host?.name ?? '',
          className,
          method,
          example,
          call: (args) => instance[method](...args),
        });
      }
    }
  }
  const key = (c: ExampleCall): string => `${c.file} ${c.module} ${c.className} ${c.method} ${c.example.name ?? ''}`;
  return calls.sort((a, b) => key(a).localeCompare(key(b)));
}
