import { ForbiddenError, InvalidTransitionError } from '../errors.js';
import type { Actor } from '../event.js';
import type { RulePack } from '../rules/rulePack.js';
import type { CommandType } from '../domain/vocabulary.js';
import { DEFAULT_ROLES } from '../streams/commandTable.js';

/** The roles that may issue a command under a pack: the defaults, narrowed by `pack.roles`. */
export function rolesFor(pack: RulePack, command: CommandType): readonly string[] {
  const defaults = DEFAULT_ROLES[command];
  const narrowed = pack.roles?.[command];
  return narrowed ? defaults.filter((r) => narrowed.includes(r)) : defaults;
}

/**
 * Role checks: the role must be granted the command; an applicant acts only
 * on its own streams (objections aside: anyone may object); an organization
 * never decides on its own filing, whatever role it claims.
 */
export function authorize(
  pack: RulePack,
  command: CommandType,
  actor: Actor,
  streamId: string,
  state: string,
  owner: string | null,
): void {
  if (pack.disabledCommands?.includes(command)) {
    throw new InvalidTransitionError(streamId, command, state, `rule pack ${pack.id} does not use ${command}`);
  }
  if (!rolesFor(pack, command).includes(actor.role)) {
    throw new ForbiddenError(
      actor.role,
      command,
      actor.role === 'auditor'
        ? 'auditors have read-only access'
        : `rule pack ${pack.id} grants ${command} to ${rolesFor(pack, command).join(', ')}`,
    );
  }
  if (owner === null || command === 'RecordObjection') return;
  if (actor.role === 'applicant' && actor.id !== owner) {
    throw new ForbiddenError(actor.role, command, `${streamId} belongs to ${owner}, not ${actor.id}`);
  }
  if (actor.role !== 'applicant' && actor.id === owner) {
    throw new ForbiddenError(actor.role, command, 'an organization never decides on its own filing');
  }
}
