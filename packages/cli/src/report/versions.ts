import corePackage from '@certflow/core/package.json' with { type: 'json' };
import cliPackage from '../../package.json' with { type: 'json' };

/** The versions of the CLI and of the core it runs on, as the report's footer prints them. */
export function toolVersions(): { cli: string; core: string } {
  return { cli: cliPackage.version, core: corePackage.version };
}
