import {
  HyperlinkedModelSerializer,
  ValidationFailed,
  type ModelSerializerMeta,
} from 'nestjs-restflow';
import { Category } from './category.entity';

/** What Django's `validate_slug` accepts, restricted to lower case (slugs are lower-case `name`s). */
const SLUG_PATTERN = /^[a-z0-9-]+$/;

/** The message of a slug that does not match {@link SLUG_PATTERN}. */
export const INVALID_SLUG_MESSAGE =
  'Enter a valid slug consisting of lower-case letters, numbers or hyphens.';

/** Most characters of a category's description. */
export const CATEGORY_DESCRIPTION_MAX_LENGTH = 1000;

/**
 * A category as the API reads and writes it, hyperlinked: `url` is the absolute URL of its own
 * detail route (`http://localhost:3000/api/categories/3`, found from the viewset's route, at the
 * request's checked origin), and a create answers `Location: <url>`. `name` and `slug` are unique (a duplicate is a 400
 * on the field), `description` is optional and nullable. Every text is bounded: `name` (100) and
 * `slug` (120) by their columns, `description` by {@link CATEGORY_DESCRIPTION_MAX_LENGTH}.
 */
export class CategorySerializer extends HyperlinkedModelSerializer<Category> {
  static override meta: ModelSerializerMeta = {
    model: Category,
    fields: ['url', 'id', 'name', 'slug', 'description'],
    extraKwargs: {
      slug: { helpText: 'Lower-case letters, numbers and hyphens, unique: used in URLs.' },
      // `name` and `slug` are varchar(n): their bounds come from the columns. `text` has none.
      description: { maxLength: CATEGORY_DESCRIPTION_MAX_LENGTH },
    },
  };

  /** Rejects slugs with anything but lower-case letters, digits and hyphens. */
  validateSlug(value: string): string {
    if (!SLUG_PATTERN.test(value)) {
      throw new ValidationFailed(INVALID_SLUG_MESSAGE);
    }
    return value;
  }
}

/** The short form of a category nested in other resources (products), with its link: output only. */
export class CategorySummarySerializer extends HyperlinkedModelSerializer<Category> {
  static override meta: ModelSerializerMeta = {
    model: Category,
    fields: ['url', 'id', 'name'],
    readOnlyFields: ['id', 'name'],
  };
}
