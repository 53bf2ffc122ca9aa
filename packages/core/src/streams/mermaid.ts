import type { AnyStateMachine, AnyStateNode } from 'xstate';

const guardName = (g: unknown): string | null =>
  typeof g === 'string' ? g : g && typeof g === 'object' && 'type' in g ? String((g as { type: unknown }).type) : null;

function renderNode(node: AnyStateNode, indent: string, lines: string[]): void {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return;
  const initial = node.config.initial as string | undefined;
  if (initial) lines.push(`${indent}[*] --> ${initial}`);
  for (const child of children) {
    if (Object.keys(child.states).length > 0) {
      lines.push(`${indent}state ${child.key} {`);
      renderNode(child, `${indent}  `, lines);
      lines.push(`${indent}}`);
    }
    for (const [eventType, defs] of child.transitions) {
      for (const t of defs) {
        const guard = guardName(t.guard);
        const label = `${eventType}${guard ? ` [${guard}]` : ''}`;
        const targets = (t.target ?? []) as AnyStateNode[];
        if (targets.length === 0) lines.push(`${indent}${child.key} --> ${child.key}: ${label}`);
        for (const target of targets) lines.push(`${indent}${child.key} --> ${target.key}: ${label}`);
      }
    }
    if (child.type === 'final') lines.push(`${indent}${child.key} --> [*]`);
  }
}

/**
 * A Mermaid state diagram of a machine, read from `machine.root`: states,
 * nested states, every transition with its event and guard. Transitions that
 * only update context are drawn as self-loops.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  renderNode(machine.root, '  ', lines);
  return lines.join('\n');
}
