import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/**
 * The `components.schemas` of one document being built: each component is built once, on first
 * reference, and named once. Two different owners (two serializer classes both named
 * `ProductSerializer`, say) asking for one name fail the build with both named, instead of one
 * silently replacing the other.
 *
 * @internal
 */
export class SchemaComponents {
  private readonly schemas = new Map<string, { owner: string; schema: SchemaObject }>();
  private readonly building = new Set<string>();

  /**
   * A `$ref` to the component `name` owned by `owner`, building it with `build` the first time.
   * A component that refers to itself (a tree of nested serializers) gets its `$ref` while it is
   * being built.
   */
  ref(name: string, owner: string, build: () => SchemaObject): ReferenceObject {
    const known = this.schemas.get(name);
    if (known) {
      if (known.owner !== owner) this.collision(name, known.owner, owner);
      return refTo(name);
    }
    if (this.building.has(name)) return refTo(name);
    this.building.add(name);
    try {
      const schema = build();
      const raced = this.schemas.get(name);
      if (raced && raced.owner !== owner) this.collision(name, raced.owner, owner);
      this.schemas.set(name, { owner, schema });
    } finally {
      this.building.delete(name);
    }
    return refTo(name);
  }

  /** Whether `name` is taken (by any owner). */
  has(name: string): boolean {
    return this.schemas.has(name);
  }

  /** The schema of a component already built. */
  get(name: string): SchemaObject | undefined {
    return this.schemas.get(name)?.schema;
  }

  /** Every component, sorted by name (a stable document). */
  toObject(): Record<string, SchemaObject> {
    return Object.fromEntries(
      [...this.schemas.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, { schema }]) => [name, schema]),
    );
  }

  private collision(name: string, first: string, second: string): never {
    throw new RestflowConfigError(
      `openapi.components.${name}`,
      `Two OpenAPI components are both named "${name}": ${first} and ${second}. Fix: rename one ` +
        'of the classes (component names come from class names, "Serializer" removed; an ' +
        'InlineSerializer takes its name from its `name` option).',
    );
  }
}

/** The `$ref` of a component. */
export function refTo(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}
