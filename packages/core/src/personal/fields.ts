import { z } from 'zod';

/**
 * The kinds of personal value certflow knows. `id-number` is a 居民身份证号
 * (sensitive personal information under 个人信息保护法 第二十八条), `name` a
 * person's name.
 */
export type PersonalKind = 'id-number' | 'name';

const KEY = 'certflowPersonal';

/**
 * Marks a schema's value as personal data of the given kind. The mark is zod
 * metadata: it changes nothing in validation, and {@link personalFieldPaths}
 * finds it in any schema that contains the field.
 */
export function personal<T extends z.ZodType>(schema: T, kind: PersonalKind): T {
  return schema.meta({ [KEY]: kind }) as T;
}

/** The personal kind a schema is marked with, if any. */
export function personalKindOf(schema: z.ZodType): PersonalKind | undefined {
  const meta = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
  const kind = meta?.[KEY];
  return kind === 'id-number' || kind === 'name' ? kind : undefined;
}

/** A personal field of a schema: its path (`'*'` for every element of an array) and kind. */
export interface PersonalFieldPath {
  path: (string | '*')[];
  kind: PersonalKind;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}

/**
 * Lists the personal fields a schema holds, walking objects, arrays, optional,
 * nullable, default, readonly, pipes and unions. Paths are relative to the
 * value the schema parses; `'*'` stands for every array element.
 */
export function personalFieldPaths(schema: z.ZodType): PersonalFieldPath[] {
  const out: PersonalFieldPath[] = [];
  const seen = new Set<string>();
  const walk = (s: z.ZodType, path: (string | '*')[]): void => {
    const kind = personalKindOf(s);
    if (kind) {
      const key = JSON.stringify(path);
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ path, kind });
      }
      return;
    }
    const def = s._zod.def as Def;
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape ?? {})) walk(v, [...path, k]);
        return;
      case 'array':
        if (def.element) walk(def.element, [...path, '*']);
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
      case 'catch':
        if (def.innerType) walk(def.innerType, path);
        return;
      case 'pipe':
        if (def.in) walk(def.in, path);
        return;
      case 'union':
        for (const o of def.options ?? []) walk(o, path);
        return;
      default:
        return;
    }
  };
  walk(schema, []);
  return out;
}
