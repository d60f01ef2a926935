/** Routes of this domain (filled in by its issue). */
import { newRouter } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';

export function exportRoutes(_deps: DomainDeps) {
  const app = newRouter();
  return app;
}
