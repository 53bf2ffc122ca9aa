import { createRequire } from 'node:module';
import cliPackage from '../../package.json' with { type: 'json' };

/**
 * The versions of the CLI and of the core it runs on, as the report's footer
 * prints them: the core's is read from the package actually loaded (it is a
 * peer dependency, so not necessarily the one the CLI was built with).
 */
export function toolVersions(): { cli: string; core: string } {
  const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  const core = (require('@certflow/core/package.json') as { version?: unknown }).version;
  return { cli: cliPackage.version, core: typeof core === 'string' ? core : '?' };
}
