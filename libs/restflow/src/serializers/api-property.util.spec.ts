import { DECORATORS } from '@nestjs/swagger';
import { Field } from './field.decorator';
import { Serializer } from './serializer';

class TagSerializer extends Serializer {
  @Field({ maxLength: 20 }) label!: string;
}

class PostSerializer extends Serializer {
  @Field({ type: 'integer', readOnly: true }) id!: number;
  @Field({ type: 'string', maxLength: 100, nullable: true }) title!: string | null;
  @Field({ writeOnly: true, type: 'email' }) authorEmail!: string;
  @Field({ choices: ['draft', 'published'] }) status!: string;
  @Field({ child: 'integer', optional: true }) scores?: number[];
  @Field({ serializer: () => TagSerializer, many: true }) tags!: TagSerializer[];
}

const property = (name: string): Record<string, unknown> =>
  Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, PostSerializer.prototype, name) as Record<
    string,
    unknown
  >;

describe('@Field() records @nestjs/swagger property metadata', () => {
  it.each<[string, Record<string, unknown>]>([
    ['id', { type: 'integer', readOnly: true, required: false }],
    ['title', { type: 'string', maxLength: 100, nullable: true, required: false }],
    ['authorEmail', { type: 'string', format: 'email', writeOnly: true, required: true }],
    ['status', { enum: ['draft', 'published'], required: true }],
    ['scores', { type: 'integer', isArray: true, required: false }],
    ['tags', { isArray: true, required: true }],
  ])('for %s', (name, expected) => {
    expect(property(name)).toMatchObject(expected);
  });

  it('references a nested serializer lazily by class', () => {
    const type = property('tags').type as () => unknown;
    expect(type()).toBe(TagSerializer);
  });
});
